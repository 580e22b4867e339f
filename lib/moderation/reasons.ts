import { z } from "zod";
import { MODERATION_REASONS, REASON_MAX_LENGTH } from "./reason-list";

// Client components take the list from ./reason-list.ts (no zod); the server validates here.
export { MODERATION_REASONS, REASON_MAX_LENGTH, type ModerationReason } from "./reason-list";

/** The final text stored with a hidden comment, a ban, a report or a resolution. */
export const reasonSchema = z
  .string()
  .trim()
  .min(1, { message: "Say why: pick a reason or write one." })
  .max(REASON_MAX_LENGTH, { message: `Keep the reason to ${REASON_MAX_LENGTH} characters.` });

/**
 * A reason from a form: a choice from the list (`reason`) and optional words (`reasonDetail`).
 * Words alone, or with "Other", are the reason; words with a listed choice are added to it
 * ("Spam: links to a shop"); "Other" without words is refused, as it says nothing.
 */
export const reasonFieldsSchema = z
  .object({
    reason: z.enum(MODERATION_REASONS, { message: "Pick a reason from the list." }).optional(),
    reasonDetail: z.string().trim().optional(),
  })
  .transform(({ reason, reasonDetail }) => {
    const detail = reasonDetail ?? "";
    if (!reason || reason === "Other") return detail;
    return detail ? `${reason}: ${detail}` : reason;
  })
  .pipe(reasonSchema);
