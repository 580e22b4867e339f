// What the moderation forms send (lib/moderation/actions.ts), checked in named steps. Pure: the
// unit tests run it directly. Ids, actors and times never come from the form.
import { z } from "zod";
import { commentIdSchema, essayPathSchema } from "@/lib/comments/validation";
import { reasonFieldsSchema, reasonSchema } from "./reasons";

const MAX_ID = 2_147_483_647;
const DAY_MS = 24 * 60 * 60 * 1000;

/** A user id as Auth.js's adapter makes it (a UUID); anything plausible, checked against the table later. */
const userIdSchema = z.string({ message: "That reader could not be found." }).trim().min(1).max(200);

const deltaIdSchema = z
  .string({ message: "That Δ could not be found." })
  .trim()
  .regex(/^\d{1,10}$/, { message: "That Δ could not be found." })
  .transform(Number)
  .pipe(z.number().int().min(1).max(MAX_ID));

const reportIdSchema = z
  .string({ message: "That report could not be found." })
  .trim()
  .regex(/^\d{1,10}$/, { message: "That report could not be found." })
  .transform(Number)
  .pipe(z.number().int().min(1).max(MAX_ID));

/** An optional short note (locks, unbans): empty means none. */
const optionalNoteSchema = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined))
  .pipe(reasonSchema.optional());

/**
 * A ban's last day as a date field sends it (YYYY-MM-DD); empty means "until lifted". The ban
 * lasts through that day (UTC) and ends at the next midnight, which must be in the future.
 */
export function banEndsAtSchema(now: Date) {
  return z
    .string()
    .trim()
    .optional()
    .transform((value, ctx) => {
      if (!value) return null;
      const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
      const day = match ? new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : undefined;
      if (!day || Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value) {
        ctx.addIssue({ code: "custom", message: "Give the last day of the ban as a date, or leave it empty." });
        return z.NEVER;
      }
      const endsAt = new Date(day.getTime() + DAY_MS);
      if (endsAt.getTime() <= now.getTime()) {
        ctx.addIssue({ code: "custom", message: "The last day of a ban cannot be in the past." });
        return z.NEVER;
      }
      return endsAt;
    });
}

const checkbox = z
  .string()
  .optional()
  .transform((value) => value === "on" || value === "true" || value === "1");

export type ParsedForm<T> = { ok: true; data: T } | { ok: false; error: string };

/** A form post, or the same fields as a plain record. */
export type FormInput = FormData | Readonly<Record<string, unknown>>;

/** Reads only the named fields (text only: a file is as good as nothing) and parses them. */
function parseForm<T>(schema: z.ZodType<T>, form: FormInput, names: readonly string[]): ParsedForm<T> {
  const fields: Record<string, string | undefined> = {};
  for (const name of names) {
    const value = form instanceof FormData ? form.get(name) : Object.hasOwn(form, name) ? form[name] : undefined;
    fields[name] = typeof value === "string" ? value : undefined;
  }
  // The reason comes as two fields, a choice and words, parsed together (lib/moderation/reasons.ts).
  const input = "reason" in fields && "reasonDetail" in fields ? { ...fields, reason: { reason: fields.reason || undefined, reasonDetail: fields.reasonDetail } } : fields;
  const result = schema.safeParse(input);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, error: result.error.issues[0]?.message ?? "Check the form and try again." };
}

const withReason = ["reason", "reasonDetail"] as const;

/** Hide: which comment, and why. */
export const parseHideForm = (form: FormInput) =>
  parseForm(z.object({ commentId: commentIdSchema, reason: reasonFieldsSchema }), form, ["commentId", ...withReason]);

/** Restore and approve: which comment. */
export const parseCommentForm = (form: FormInput) => parseForm(z.object({ commentId: commentIdSchema }), form, ["commentId"]);

/** Lock and unlock: which essay, and an optional note. */
export const parseThreadForm = (form: FormInput) =>
  parseForm(z.object({ essayPath: essayPathSchema, note: optionalNoteSchema }), form, ["essayPath", "note"]);

/** Ban: who, why, until when (optional), and whether to hide everything they wrote. */
export const parseBanForm = (form: FormInput, now: Date) =>
  parseForm(
    z.object({ userId: userIdSchema, reason: reasonFieldsSchema, endsAt: banEndsAtSchema(now), hideComments: checkbox }),
    form,
    ["userId", ...withReason, "endsAt", "hideComments"],
  );

/** Unban: who, and an optional note. */
export const parseUnbanForm = (form: FormInput) => parseForm(z.object({ userId: userIdSchema, note: optionalNoteSchema }), form, ["userId", "note"]);

/** Resolve a report: which, and what was done. */
export const parseResolveForm = (form: FormInput) =>
  parseForm(
    z.object({ reportId: reportIdSchema, resolution: z.string({ message: "Say what was done about the report." }).pipe(reasonSchema) }),
    form,
    ["reportId", "resolution"],
  );

/** Remove an abusive Δ: which, and why (shown publicly in its place). */
export const parseRemoveDeltaForm = (form: FormInput) =>
  parseForm(z.object({ deltaId: deltaIdSchema, reason: reasonFieldsSchema }), form, ["deltaId", ...withReason]);

/** Re-attach a passage by hand (issue 15): which comment's, to which block of the latest revision, and the words there. */
export const parseReattachPassageForm = (form: FormInput) =>
  parseForm(
    z.object({
      commentId: commentIdSchema,
      blockId: z.string({ message: "Choose the paragraph to attach it to." }).trim().regex(/^[A-Za-z0-9_-]{1,64}$/, { message: "Choose the paragraph to attach it to." }),
      // Not trimmed: the words are matched exactly as copied from the paragraph.
      words: z
        .string({ message: "Give the words in that paragraph the response is about." })
        .refine((value) => value.trim().length > 0, { message: "Give the words in that paragraph the response is about." })
        .refine((value) => value.length <= 1_000, { message: "Give at most 1,000 characters of the paragraph." }),
    }),
    form,
    ["commentId", "blockId", "words"],
  );

/** A reader's report: which comment, and why. */
export const parseReportForm = (form: FormInput) =>
  parseForm(z.object({ commentId: commentIdSchema, reason: reasonFieldsSchema }), form, ["commentId", ...withReason]);

/**
 * Where a plain (no-JavaScript) form returns after the action: a path on the admin page
 * only, never another site or page, so the field cannot be used to send anyone elsewhere.
 */
export function safeAdminReturnTo(value: unknown): string | undefined {
  if (typeof value !== "string" || value.length > 1_000 || !value.startsWith("/admin")) return undefined;
  if (/[\\\s]/.test(value) || value.startsWith("//")) return undefined;
  const base = "http://moderation.invalid";
  let url: URL;
  try {
    url = new URL(value, base);
  } catch {
    return undefined;
  }
  if (url.origin !== base || (url.pathname !== "/admin" && !url.pathname.startsWith("/admin/"))) return undefined;
  return `${url.pathname}${url.search}`;
}
