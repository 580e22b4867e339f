import { auth } from "@/auth";
import { getUserProfileById } from "@/db/queries/users";

/**
 * The signed-in reader's public face for the header, fetched by the browser so that
 * essay pages stay static for everyone. Id (to mark the reader's own comments), name and
 * avatar only: never the e-mail.
 */
export async function GET() {
  const session = await auth();
  const profile = session?.user?.id ? await getUserProfileById({ id: session.user.id }) : undefined;
  const body = profile ? { signedIn: true, id: profile.id, name: profile.displayName, image: profile.image } : { signedIn: false };
  return Response.json(body, { headers: { "Cache-Control": "private, no-store" } });
}
