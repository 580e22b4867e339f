import "server-only";
import * as moderation from "@/db/queries/moderation";
import { parseHideForm } from "@/lib/moderation/form-schemas";
import { changedOr, FORBIDDEN, invalidInput, moderatorOf, noticeResult, type ModerationResult } from "./moderator";
import { isRecord, type CommandRequest } from "./result";

/** A moderator hides a comment: { commentId, reason, reasonDetail? }. Its text is kept. */
export async function hideComment({ viewer, input }: CommandRequest): Promise<ModerationResult> {
  const actor = await moderatorOf(viewer);
  if (!actor) return FORBIDDEN;
  const parsed = parseHideForm(isRecord(input) ? input : {});
  if (!parsed.ok) return invalidInput(parsed.error);
  const result = await moderation.hideComment({ commentId: parsed.data.commentId, actor, reason: parsed.data.reason });
  if (!result.ok) return noticeResult(result.reason === "not-moderator" ? "forbidden" : "not-found");
  return changedOr(result.changed, "hidden", { essayPaths: [result.essayPath], counts: true });
}
