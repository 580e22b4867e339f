import { auth } from "@/auth";
import { getReaderExport } from "@/db/queries/account";
import { getEssayByPath } from "@/lib/content/essays";

const PRIVATE = { "Cache-Control": "private, no-store" };

/**
 * "Download everything you wrote": the signed-in reader's own profile, comments (every state,
 * with earlier versions), reports and votes as one JSON file. Nobody else's data can be asked for:
 * the id comes from the session only.
 */
export async function GET() {
  const session = await auth();
  const userId = session?.user?.id;
  const data = userId ? await getReaderExport({ userId }) : undefined;
  if (!data) return Response.json({ error: "Sign in to download what you wrote." }, { status: 401, headers: PRIVATE });

  const exportedAt = new Date();
  const document = {
    exportedAt,
    profile: data.profile,
    comments: data.comments.map(({ id, essayPath, ...comment }) => ({
      id,
      essayPath,
      // Null when the essay has since been removed from the site.
      essayTitle: getEssayByPath(essayPath)?.title ?? null,
      ...comment,
    })),
    reports: data.reports,
    votes: data.votes,
  };
  return new Response(`${JSON.stringify(document, null, 2)}\n`, {
    headers: {
      ...PRIVATE,
      "Content-Type": "application/json; charset=utf-8",
      "Content-Disposition": `attachment; filename="essays-${exportedAt.toISOString().slice(0, 10)}.json"`,
    },
  });
}
