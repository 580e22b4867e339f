import "server-only";
import * as moderation from "@/db/queries/moderation";
import { parseCommentForm } from "@/lib/moderation/form-schemas";
import { queueReplyNotifications } from "@/lib/notifications/queue-notifications";
import { changedOr, FORBIDDEN, invalidInput, moderatorOf, noticeResult, queueQuietly, type ModerationResult } from "./moderator";
import { isRecord, type CommandRequest } from "./result";

const REFUSALS = { "not-moderator": "forbidden", "not-found": "not-found", hidden: "approve-hidden", deleted: "approve-deleted" } as const;

/** A moderator publishes a comment that waited for approval: { commentId }. */
export async function approveComment({ viewer, input }: CommandRequest): Promise<ModerationResult> {
  const actor = await moderatorOf(viewer);
  if (!actor) return FORBIDDEN;
  const parsed = parseCommentForm(isRecord(input) ? input : {});
  if (!parsed.ok) return invalidInput(parsed.error);
  const result = await moderation.approveComment({ commentId: parsed.data.commentId, actor });
  if (!result.ok) return noticeResult(REFUSALS[result.reason]);
  // Held comments notify nobody until now (docs/decisions/012).
  if (result.changed) await queueQuietly(() => queueReplyNotifications({ commentId: result.comment.id }));
  return changedOr(result.changed, "approved", { essayPaths: [result.comment.essayPath], counts: true });
}
