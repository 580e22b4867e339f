import "server-only";
import type { Viewer } from "@/lib/auth/session-user";
import type { ThreadRefresh } from "@/lib/comments/refresh-threads";
import { getModeratorById, type Moderator } from "@/lib/moderation/moderators";
import { describeNotice, type ModerationNotice } from "@/lib/moderation/notices";
import type { CommandResult, FailureCode } from "./result";

// What the moderation commands share (docs/decisions/011-moderation.md). Each runs the same steps:
// the moderator check (the role does not depend on the input, so a stranger is turned away
// before anything is parsed) → one schema → one query, which checks the role again inside its
// transaction and writes the log entry → a result carrying its notice code, which a plain
// (no-JavaScript) form takes back to the admin page (lib/moderation/notices.ts).

/** A moderation write's answer: its notice code, with the notice's text (or the parser's) as the message. */
export type ModerationResult = CommandResult<{ notice: ModerationNotice; message: string }, { notice: ModerationNotice }>;

const FAILURE_CODES: Partial<Record<ModerationNotice, FailureCode>> = {
  forbidden: "forbidden",
  invalid: "invalid",
  "not-found": "not-found",
  "essay-missing": "not-found",
  "self-ban": "invalid",
  "already-banned": "conflict",
  "restore-pending": "conflict",
  "approve-hidden": "conflict",
  "approve-deleted": "conflict",
  "unknown-block": "conflict",
  "words-not-found": "invalid",
  "words-ambiguous": "invalid",
};

/** The viewer as a moderator (one query), or undefined for anyone else (nobody signed in included). */
export async function moderatorOf(viewer: Viewer): Promise<Moderator | undefined> {
  return viewer ? getModeratorById({ id: viewer.userId }) : undefined;
}

/** The result for a notice code; a successful change names the threads whose pages it changed. */
export function noticeResult(notice: ModerationNotice, refresh?: ThreadRefresh): ModerationResult {
  const { ok, text } = describeNotice(notice);
  if (ok) return { ok: true, notice, message: text, ...(refresh ? { refresh } : {}) };
  return { ok: false, code: FAILURE_CODES[notice] ?? "invalid", notice, message: text };
}

/** A refusal whose message is the parser's own (a plain form gets the "invalid" notice). */
export const invalidInput = (message: string): ModerationResult => ({ ok: false, code: "invalid", notice: "invalid", message });

export const FORBIDDEN = noticeResult("forbidden");

/** "unchanged" when a repeated request changed nothing: no log entry, nothing to refresh. */
export const changedOr = (changed: boolean, notice: ModerationNotice, refresh: ThreadRefresh): ModerationResult =>
  changed ? noticeResult(notice, refresh) : noticeResult("unchanged");

/** E-mail goes through the outbox; a failure to queue it never undoes or fails the write. */
export async function queueQuietly(queue: () => Promise<unknown>): Promise<void> {
  try {
    await queue();
  } catch (error) {
    console.error("Could not queue notifications:", error);
  }
}
