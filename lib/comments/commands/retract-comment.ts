import "server-only";
import { setCommentRetraction, type RetractionRefusal } from "@/db/queries/retractions";
import { parseRetractionForm } from "../validation";
import { fail, invalidFields, isRecord, type CommandRequest, type CommandResult, type Failure } from "./result";

// Retracting one's own comment, or undoing the retraction (issue 14, decision 039):
// { commentId, intent: "retract" | "undo", note?, cause? } as the viewer, its author.

export type RetractCommentResult = CommandResult<{ comment: { id: number; essayPath: string; parentId: number | null }; retracted: boolean }>;

const REFUSALS: Record<Exclude<RetractionRefusal["reason"], "banned">, Failure> = {
  "not-found": fail("not-found", "That comment does not exist."),
  // Nobody retracts for someone else; a moderator hides instead.
  "not-author": fail("forbidden", "Only its author can retract a comment."),
  deleted: fail("conflict", "That comment was deleted, so it cannot be retracted."),
  hidden: fail("conflict", "A moderator has removed that comment, so it cannot be retracted."),
  "already-retracted": fail("conflict", "You have already retracted this comment."),
  "not-retracted": fail("conflict", "This comment is not retracted, so there is nothing to undo."),
  "cause-not-found": fail("invalid", "The comment that changed your mind could not be found under this essay. Check its link, or leave it empty.", { field: "cause" }),
  "cause-is-itself": fail("invalid", "Link the comment that changed your mind, not the one you are retracting.", { field: "cause" }),
  "cause-elsewhere": fail("invalid", "The comment that changed your mind must be under the same essay.", { field: "cause" }),
};

export async function retractComment({ viewer, input }: CommandRequest): Promise<RetractCommentResult> {
  if (!viewer) return fail("unauthenticated", "Sign in to retract your comment.");
  if (!isRecord(input)) return fail("invalid", "Send an object: { commentId, intent, note, cause }.");
  const parsed = parseRetractionForm(input);
  if (!parsed.ok) return invalidFields(parsed.fieldErrors);
  const { commentId, intent, note, cause } = parsed.data;

  const retract = intent === "retract";
  const result = await setCommentRetraction({
    id: commentId,
    authorId: viewer.userId,
    retract,
    note: retract ? note : null,
    causeCommentId: retract ? cause : null,
  });
  if (!result.ok) {
    if (result.reason === "banned") return fail("forbidden", `A moderator has stopped you from commenting. Reason: ${result.ban.reason}`);
    return REFUSALS[result.reason];
  }
  // The count of comments is unchanged: a retracted comment is still shown.
  return { ok: true, comment: { id: commentId, essayPath: result.essayPath, parentId: result.parentId }, retracted: retract, refresh: { essayPaths: [result.essayPath], counts: false } };
}
