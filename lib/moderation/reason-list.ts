// The reasons offered in moderation and report forms. No zod here: client components import
// this file, and the schema (./reasons.ts) would pull the whole validator into the browser.

/** The reasons a moderator (or a reader reporting) picks from; "Other" asks for their own words. */
export const MODERATION_REASONS = ["Personal attack", "Spam", "Off topic", "Private information", "Other"] as const;
export type ModerationReason = (typeof MODERATION_REASONS)[number];

export const REASON_MAX_LENGTH = 500;
