import "server-only";
import { notFound, redirect } from "next/navigation";
import { auth } from "@/auth";
import { getCommentById } from "@/db/queries/comments";
import { getEssayByPath } from "@/lib/content/essays";
import { commentIdSchema } from "./validation";

/**
 * For the pages that stand in for the inline forms when JavaScript is off
 * (/comments/<id>/reply|edit|delete|retract): the signed-in reader, the comment and its essay.
 */
export async function loadCommentPage(rawId: string, action: "reply" | "edit" | "delete" | "retract" | "delta" | "restatement") {
  const id = commentIdSchema.safeParse(rawId);
  if (!id.success) notFound();
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) redirect(`/sign-in?callbackUrl=${encodeURIComponent(`/comments/${id.data}/${action}`)}`);
  const comment = await getCommentById({ id: id.data });
  const essay = comment ? getEssayByPath(comment.essayPath) : undefined;
  if (!comment || !essay || comment.status === "pending") notFound();
  return { userId, comment, essay };
}

/**
 * For the edit, delete and retract pages: the reader's own, undeleted comment. Someone else's comment
 * is answered like a missing one, so the page gives no hint that it exists.
 */
export async function loadOwnCommentPage(rawId: string, action: "edit" | "delete" | "retract") {
  const page = await loadCommentPage(rawId, action);
  if (page.comment.authorId !== page.userId || page.comment.deletedAt) notFound();
  return page;
}
