import "server-only";
import * as moderation from "@/db/queries/moderation";
import { parseUnbanForm } from "@/lib/moderation/form-schemas";
import { FORBIDDEN, invalidInput, moderatorOf, noticeResult, type ModerationResult } from "./moderator";
import { isRecord, type CommandRequest } from "./result";

/** A moderator lifts a reader's ban: { userId, note? }. Comments hidden with it stay hidden. */
export async function unbanUser({ viewer, input }: CommandRequest): Promise<ModerationResult> {
  const actor = await moderatorOf(viewer);
  if (!actor) return FORBIDDEN;
  const parsed = parseUnbanForm(isRecord(input) ? input : {});
  if (!parsed.ok) return invalidInput(parsed.error);
  const result = await moderation.unbanUser({ userId: parsed.data.userId, actor, reason: parsed.data.note ?? null });
  if (!result.ok) return FORBIDDEN;
  // Nothing cached changes: the ban is read when posting, never shown in a thread.
  return noticeResult(result.changed ? "unbanned" : "unchanged");
}
