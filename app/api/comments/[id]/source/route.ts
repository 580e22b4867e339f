import { auth } from "@/auth";
import { getCommentById } from "@/db/queries/comments";
import { commentIdSchema } from "@/lib/comments/validation";

/** A comment's Markdown, for its author's edit form only. */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const session = await auth();
  if (!session?.user?.id) return Response.json({ error: "Sign in to edit your comments." }, { status: 401 });
  const id = commentIdSchema.safeParse((await params).id);
  if (!id.success) return Response.json({ error: "No such comment." }, { status: 404 });
  const comment = await getCommentById({ id: id.data });
  if (!comment || comment.deletedAt) return Response.json({ error: "No such comment." }, { status: 404 });
  if (comment.authorId !== session.user.id) return Response.json({ error: "Only its author can edit a comment." }, { status: 403 });
  return Response.json({ body: comment.body }, { headers: { "Cache-Control": "private, no-store" } });
}
