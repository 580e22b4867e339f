import "server-only";
import * as moderation from "@/db/queries/moderation";
import { parseResolveForm } from "@/lib/moderation/form-schemas";
import { FORBIDDEN, invalidInput, moderatorOf, noticeResult, type ModerationResult } from "./moderator";
import { isRecord, type CommandRequest } from "./result";

/** A moderator closes a reader's report with what was done: { reportId, resolution }. */
export async function resolveReport({ viewer, input }: CommandRequest): Promise<ModerationResult> {
  const actor = await moderatorOf(viewer);
  if (!actor) return FORBIDDEN;
  const parsed = parseResolveForm(isRecord(input) ? input : {});
  if (!parsed.ok) return invalidInput(parsed.error);
  const result = await moderation.resolveReport({ reportId: parsed.data.reportId, actor, resolution: parsed.data.resolution });
  if (!result.ok) return noticeResult(result.reason === "not-moderator" ? "forbidden" : "not-found");
  // Reports are not shown in threads: nothing cached changes.
  return noticeResult(result.changed ? "resolved" : "unchanged");
}
