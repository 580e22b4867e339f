import "server-only";
import * as moderation from "@/db/queries/moderation";
import { parseCommentForm } from "@/lib/moderation/form-schemas";
import { changedOr, FORBIDDEN, invalidInput, moderatorOf, noticeResult, type ModerationResult } from "./moderator";
import { isRecord, type CommandRequest } from "./result";

const REFUSALS = { "not-moderator": "forbidden", "not-found": "not-found", pending: "restore-pending" } as const;

/** A moderator publishes a hidden comment again: { commentId }. */
export async function restoreComment({ viewer, input }: CommandRequest): Promise<ModerationResult> {
  const actor = await moderatorOf(viewer);
  if (!actor) return FORBIDDEN;
  const parsed = parseCommentForm(isRecord(input) ? input : {});
  if (!parsed.ok) return invalidInput(parsed.error);
  const result = await moderation.restoreComment({ commentId: parsed.data.commentId, actor });
  if (!result.ok) return noticeResult(REFUSALS[result.reason]);
  return changedOr(result.changed, "restored", { essayPaths: [result.essayPath], counts: true });
}
