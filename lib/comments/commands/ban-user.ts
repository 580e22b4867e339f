import "server-only";
import * as moderation from "@/db/queries/moderation";
import { parseBanForm } from "@/lib/moderation/form-schemas";
import { FORBIDDEN, invalidInput, moderatorOf, noticeResult, type ModerationResult } from "./moderator";
import { isRecord, type CommandRequest } from "./result";

const REFUSALS = {
  "not-moderator": "forbidden",
  "not-found": "not-found",
  self: "self-ban",
  "already-banned": "already-banned",
  "ends-in-past": "invalid",
} as const;

/** A moderator bans a reader from commenting: { userId, reason, reasonDetail?, endsAt?, hideComments? }. */
export async function banUser({ viewer, input }: CommandRequest): Promise<ModerationResult> {
  const actor = await moderatorOf(viewer);
  if (!actor) return FORBIDDEN;
  const parsed = parseBanForm(isRecord(input) ? input : {}, new Date());
  if (!parsed.ok) return invalidInput(parsed.error);
  const result = await moderation.banUser({ actor, ...parsed.data });
  if (!result.ok) return noticeResult(REFUSALS[result.reason]);
  // The threads where the ban hid comments (none without hideComments).
  return noticeResult(result.hiddenCount > 0 ? "banned-hidden" : "banned", { essayPaths: result.essayPaths, counts: true });
}
