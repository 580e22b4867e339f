import "server-only";
import * as moderation from "@/db/queries/moderation";
import { getEssayByPath } from "@/lib/content/essays";
import { parseThreadForm } from "@/lib/moderation/form-schemas";
import { changedOr, FORBIDDEN, invalidInput, moderatorOf, noticeResult, type ModerationResult } from "./moderator";
import { isRecord, type CommandRequest } from "./result";

/** Lock and unlock are one write with two directions: { essayPath, note? }. */
async function setThreadLock({ viewer, input }: CommandRequest, lock: boolean): Promise<ModerationResult> {
  const actor = await moderatorOf(viewer);
  if (!actor) return FORBIDDEN;
  const parsed = parseThreadForm(isRecord(input) ? input : {});
  if (!parsed.ok) return invalidInput(parsed.error);
  const essay = getEssayByPath(parsed.data.essayPath);
  if (!essay) return noticeResult("essay-missing");
  const request = { essayPath: essay.path, actor, reason: parsed.data.note ?? null };
  const result = lock ? await moderation.lockThread(request) : await moderation.unlockThread(request);
  if (!result.ok) return FORBIDDEN;
  // The lock is cached with the thread (lib/comments/cached-queries.ts); counts do not change.
  return changedOr(result.changed, lock ? "locked" : "unlocked", { essayPaths: [essay.path], counts: false });
}

/** A moderator closes a thread to new comments and replies, whatever its front matter says. */
export const lockThread = (request: CommandRequest) => setThreadLock(request, true);

/** A moderator opens a locked thread again (its front matter rules again). */
export const unlockThread = (request: CommandRequest) => setThreadLock(request, false);
