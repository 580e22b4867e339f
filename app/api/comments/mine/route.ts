import { auth } from "@/auth";
import { getOwnHeldCommentsForEssay } from "@/db/queries/comments";
import { loadViewerVotes } from "@/lib/comments/load-viewer-votes";
import { essayPathSchema } from "@/lib/comments/validation";
import { NO_VOTES } from "@/lib/comments/viewer-vote-state";

/**
 * The signed-in reader's own comments on an essay that others cannot see: waiting for
 * approval, or removed by a moderator (with the reason); and their votes with the tallies
 * only they may see (lib/comments/viewer-vote-state.ts). Only ever the caller's own.
 */
export async function GET(request: Request) {
  const session = await auth();
  if (!session?.user?.id) return Response.json({ comments: [], votes: NO_VOTES }, { headers: { "Cache-Control": "private, no-store" } });
  const essayPath = essayPathSchema.safeParse(new URL(request.url).searchParams.get("essay"));
  if (!essayPath.success) return Response.json({ error: "Name an essay: ?essay=/section/MM/DD/slug" }, { status: 400 });
  const [rows, votes] = await Promise.all([
    getOwnHeldCommentsForEssay({ essayPath: essayPath.data, authorId: session.user.id }),
    loadViewerVotes({ viewerId: session.user.id, essayPath: essayPath.data }),
  ]);
  const comments = rows.map((row) => ({
    id: row.id,
    parentId: row.parentId,
    status: row.status,
    bodyHtml: row.bodyHtml,
    moderationReason: row.moderationReason,
    createdAt: new Date(row.createdAt).toISOString(),
    editedAt: row.editedAt ? new Date(row.editedAt).toISOString() : null,
  }));
  return Response.json({ comments, votes }, { headers: { "Cache-Control": "private, no-store" } });
}
