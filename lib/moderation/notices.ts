// What a moderation form says after it ran. A plain (no-JavaScript) form is redirected back to
// the admin page with `?notice=<code>`; the page shows the text for that code. Only codes
// travel in the address, so a crafted link cannot put words of its own on the page.

export const MODERATION_NOTICES = {
  hidden: "The comment is hidden. Its text is kept; restore it at any time.",
  restored: "The comment is published again.",
  approved: "The comment is approved and published.",
  locked: "The thread is locked: no new comments or replies.",
  unlocked: "The thread is unlocked.",
  banned: "The reader is banned from commenting.",
  "banned-hidden": "The reader is banned, and their comments are hidden.",
  unbanned: "The ban is lifted.",
  resolved: "The report is resolved.",
  "delta-removed": "The Δ is removed. Readers see your reason in its place.",
  "passage-attached": "The response is attached to those words, which are the ones it quoted.",
  "passage-attached-changed": "The response is attached to those words. They differ from its quote, so readers see its original quote, marked “revised after this comment”.",
  unchanged: "Nothing changed: that was already done.",
  forbidden: "Only moderators can do this.",
  invalid: "Nothing changed: the form was incomplete. A reason is needed (at most 500 characters), and a ban's last day cannot be in the past.",
  "not-found": "Nothing changed: that comment, reader, report or Δ no longer exists.",
  "essay-missing": "Nothing changed: that essay does not exist.",
  "self-ban": "Nothing changed: you cannot ban yourself.",
  "already-banned": "Nothing changed: that reader is already banned. Lift the ban first to change its terms.",
  "restore-pending": "Nothing changed: that comment is waiting for approval. Approve it instead.",
  "approve-hidden": "Nothing changed: that comment is hidden. Restore it instead.",
  "approve-deleted": "Nothing changed: its author deleted that comment while it waited.",
  "unknown-block": "Nothing changed: that paragraph is not in the essay’s current version. Reload the page and choose again.",
  "words-not-found": "Nothing changed: those words are not in that paragraph. Copy them from the paragraph exactly.",
  "words-ambiguous": "Nothing changed: those words occur more than once in that paragraph. Give a few more words.",
} as const;

export type ModerationNotice = keyof typeof MODERATION_NOTICES;

/** The codes that report success (or a harmless repeat); every other code is a refusal. */
const DONE = new Set<ModerationNotice>(["hidden", "restored", "approved", "locked", "unlocked", "banned", "banned-hidden", "unbanned", "resolved", "delta-removed", "passage-attached", "passage-attached-changed", "unchanged"]);

/** A notice's text, and whether it reports success (else a refusal). */
export function describeNotice(code: ModerationNotice): { text: string; ok: boolean } {
  return { text: MODERATION_NOTICES[code], ok: DONE.has(code) };
}

/** The notice for a code read from the address, or undefined for anything unknown. */
export function noticeFor(code: unknown): { text: string; ok: boolean } | undefined {
  if (typeof code !== "string" || !Object.hasOwn(MODERATION_NOTICES, code)) return undefined;
  return describeNotice(code as ModerationNotice);
}

/** The admin address to return to, with the notice set (replacing any earlier one). */
export function withNotice(returnTo: string, code: ModerationNotice): string {
  const url = new URL(returnTo, "http://moderation.invalid");
  url.searchParams.set("notice", code);
  return `${url.pathname}${url.search}`;
}
