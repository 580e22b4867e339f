import "server-only";
import { reattachPassage as reattach } from "@/db/queries/passages";
import { parseReattachPassageForm } from "@/lib/moderation/form-schemas";
import { changedOr, FORBIDDEN, invalidInput, moderatorOf, noticeResult, type ModerationResult } from "./moderator";
import { isRecord, type CommandRequest } from "./result";

/**
 * The writer re-attaches a response to a passage by hand (issue 15), from /admin's orphaned passages:
 * { commentId, blockId, words }. Logged; the essay's page is rendered again with the new place.
 */
export async function reattachPassage({ viewer, input }: CommandRequest): Promise<ModerationResult> {
  const actor = await moderatorOf(viewer);
  if (!actor) return FORBIDDEN;
  const parsed = parseReattachPassageForm(isRecord(input) ? input : {});
  if (!parsed.ok) return invalidInput(parsed.error);
  const result = await reattach({ ...parsed.data, actor });
  if (!result.ok) return noticeResult(result.reason === "not-moderator" ? "forbidden" : result.reason);
  return changedOr(result.changed, result.placement === "anchored" ? "passage-attached" : "passage-attached-changed", { essayPaths: [result.essayPath], counts: false });
}
