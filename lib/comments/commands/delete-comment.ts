import "server-only";
import { getCommentById, softDeleteComment } from "@/db/queries/comments";
import { commentHref } from "../thread-page";
import { parseCommentIdForm } from "../validation";
import { OWNERSHIP_FAILURES } from "./edit-comment";
import { fail, invalidFields, isRecord, type CommandRequest, type CommandResult } from "./result";

// Deleting one's own comment: { commentId } as the viewer, its author (a soft delete: docs/decisions/008).

/** `threadPage`: the page of the thread the comment was on, found before it went (it may leave no trace there). */
export type DeleteCommentResult = CommandResult<{ essayPath: string; threadPage: string }>;

export async function deleteComment({ viewer, input }: CommandRequest): Promise<DeleteCommentResult> {
  if (!viewer) return fail("unauthenticated", "Sign in to delete your comment.");
  if (!isRecord(input)) return fail("invalid", "Send an object: { commentId }.");
  const parsed = parseCommentIdForm(input);
  if (!parsed.ok) return invalidFields(parsed.fieldErrors);

  const comment = await getCommentById({ id: parsed.data.commentId });
  if (!comment) return OWNERSHIP_FAILURES["not-found"];
  const threadPage = (await commentHref(comment)).replace(/#.*$/, "#comments");
  const result = await softDeleteComment({ id: comment.id, authorId: viewer.userId });
  if (!result.ok) return OWNERSHIP_FAILURES[result.reason];
  return { ok: true, essayPath: comment.essayPath, threadPage, refresh: { essayPaths: [comment.essayPath], counts: true } };
}
