import { auth } from "@/auth";
import { getUserProfileById } from "@/db/queries/users";
import { getModeratorById } from "@/lib/moderation/moderators";

/**
 * The signed-in reader's public face for the header, fetched by the browser so that
 * essay pages stay static for everyone. Id (to mark the reader's own comments), name and
 * avatar only: never the e-mail.
 */
export async function GET() {
  const session = await auth();
  const userId = session?.user?.id;
  const [profile, moderator] = userId ? await Promise.all([getUserProfileById({ id: userId }), getModeratorById({ id: userId })]) : [];
  const body = profile
    ? { signedIn: true, id: profile.id, name: profile.displayName, image: profile.image, moderator: Boolean(moderator) }
    : { signedIn: false };
  return Response.json(body, { headers: { "Cache-Control": "private, no-store" } });
}
