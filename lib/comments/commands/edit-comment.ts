import "server-only";
import { getCommentById, updateCommentBody } from "@/db/queries/comments";
import { renderCommentHtml } from "../render-comment";
import { RENDERER_VERSION } from "../render-markdown";
import { parseCommentEditForm } from "../validation";
import { fail, invalidFields, isRecord, type CommandRequest, type CommandResult, type Failure } from "./result";

// Editing one's own comment: { commentId, body } as the viewer, its author.

/** The edited comment's place, for the transport to lead back to it. */
export type EditCommentResult = CommandResult<{ comment: { id: number; essayPath: string; parentId: number | null } }>;

/** The refusals of a write on one's own comment (edit and delete). */
export const OWNERSHIP_FAILURES = {
  "not-found": fail("not-found", "That comment does not exist."),
  "not-author": fail("forbidden", "Only its author can change a comment."),
  deleted: fail("conflict", "That comment was deleted, so it cannot be edited."),
  retracted: fail("conflict", "You retracted this comment, so it stays as it was. Undo the retraction to edit it."),
} satisfies Record<string, Failure>;

export async function editComment({ viewer, input }: CommandRequest): Promise<EditCommentResult> {
  if (!viewer) return fail("unauthenticated", "Sign in to edit your comment.");
  if (!isRecord(input)) return fail("invalid", "Send an object: { commentId, body }.");
  const parsed = parseCommentEditForm(input);
  if (!parsed.ok) return invalidFields(parsed.fieldErrors);
  const { commentId, body } = parsed.data;

  const comment = await getCommentById({ id: commentId });
  // Rendered before the transaction, which reads the ban and the ownership (nothing may wait in it).
  const result = await updateCommentBody({ id: commentId, authorId: viewer.userId, body, bodyHtml: await renderCommentHtml(body), renderVersion: RENDERER_VERSION });
  if (!result.ok) {
    // A ban stops edits too: otherwise an edit would be a way around it.
    if (result.reason === "banned") return fail("forbidden", `A moderator has stopped you from commenting. Reason: ${result.ban.reason}`);
    return OWNERSHIP_FAILURES[result.reason];
  }
  if (!comment) return OWNERSHIP_FAILURES["not-found"];
  const { id, essayPath, parentId } = comment;
  return { ok: true, comment: { id, essayPath, parentId }, refresh: { essayPaths: [essayPath], counts: true } };
}
