// What a reader may send when writing a comment, checked in named steps. Only the fields a
// reader owns are read: ids of new comments, authors and times come from the server, and
// anything the client sends for them is never looked at. Pure: also runs in the browser.
import { z } from "zod";
import { readVoteButton } from "./vote-button";

export const COMMENT_MAX_CHARACTERS = 10_000;
export const ESSAY_PATH_MAX_LENGTH = 300;
// Ids are PostgreSQL `integer`s: a larger number would fail in the database, not here.
const MAX_ID = 2_147_483_647;

const EMPTY_BODY = "Write something before posting.";

/** Characters as a reader counts them: "é" or "👍" is one, not two UTF-16 units. */
function countCharacters(text: string): number {
  let characters = 0;
  for (const _ of text) characters++;
  return characters;
}

/**
 * The Markdown a reader typed:
 *  1. line endings made "\n" (browsers send a textarea's lines with "\r\n");
 *  2. NUL characters dropped (PostgreSQL text cannot hold them, and no reader means one);
 *  3. trimmed;
 *  4. 1 to 10,000 characters.
 */
export const commentBodySchema = z
  .string({ message: EMPTY_BODY })
  .transform((value) => value.replace(/\r\n?/g, "\n").replaceAll("\u0000", "").trim())
  .superRefine((value, ctx) => {
    const characters = countCharacters(value);
    if (characters === 0) ctx.addIssue({ code: "custom", message: EMPTY_BODY });
    else if (characters > COMMENT_MAX_CHARACTERS) {
      ctx.addIssue({
        code: "custom",
        message: `Comments are limited to ${COMMENT_MAX_CHARACTERS.toLocaleString("en-US")} characters; yours has ${characters.toLocaleString("en-US")}.`,
      });
    }
  });

/** A comment's id as a form sends it ("42"); a number is accepted too. */
export const commentIdSchema = z.preprocess(
  (value) => (typeof value === "number" ? String(value) : value),
  z
    .string({ message: "That comment could not be found." })
    .trim()
    .regex(/^\d{1,10}$/, { message: "That comment could not be found." })
    .transform(Number)
    .pipe(z.number().int().min(1, { message: "That comment could not be found." }).max(MAX_ID, { message: "That comment could not be found." })),
);

/** The comment being replied to; absent or empty means a new thread (null). */
export const parentIdSchema = z.preprocess(
  (value) => (value === undefined || value === null || (typeof value === "string" && value.trim() === "") ? null : value),
  commentIdSchema.nullable(),
);

/** The essay's address as the site writes it: /section/08/23/slug. Never "//host" (another site). */
export const essayPathSchema = z
  .string({ message: "This essay could not be found." })
  .trim()
  .max(ESSAY_PATH_MAX_LENGTH, { message: "This essay could not be found." })
  .regex(/^\/(?!\/)[^\s\\]*$/, { message: "This essay could not be found." });

/** The restatement check (issue 14, decision 041): one sentence restating the view a disagreeing reply answers. */
export const RESTATEMENT_MAX_LENGTH = 300;

const oneSentence = (what: string) =>
  z.preprocess(
    (value) => (value === undefined || value === null ? "" : value),
    z
      .string({ message: `Write ${what} as text.` })
      .transform((text) => text.replace(/\s+/g, " ").trim())
      .pipe(z.string().max(RESTATEMENT_MAX_LENGTH, { message: `Keep ${what} to one sentence of at most ${RESTATEMENT_MAX_LENGTH} characters.` }))
      .transform((text) => (text === "" ? null : text)),
  );

/** A form checkbox ("on"), a JSON boolean, or nothing. */
const checkboxSchema = z.preprocess((value) => value === true || value === "on" || value === "true", z.boolean());

export const commentFormSchema = z
  .object({
    essayPath: essayPathSchema,
    parentId: parentIdSchema,
    body: commentBodySchema,
    // A reply marked as disagreeing with the comment it answers, and its optional restatement.
    disagrees: checkboxSchema,
    restatement: oneSentence("the restatement"),
  })
  .superRefine((form, context) => {
    if (form.parentId === null && (form.disagrees || form.restatement !== null)) {
      context.addIssue({ code: "custom", path: ["restatement"], message: "Only a reply can disagree with a comment and restate it." });
    } else if (form.restatement !== null && !form.disagrees) {
      context.addIssue({ code: "custom", path: ["restatement"], message: "A restatement goes with a reply that disagrees: tick “I disagree”, or leave the restatement empty." });
    }
  });
export type CommentForm = z.infer<typeof commentFormSchema>;

export const commentEditFormSchema = z.object({
  commentId: commentIdSchema,
  body: commentBodySchema,
});
export type CommentEditForm = z.infer<typeof commentEditFormSchema>;

export const commentIdFormSchema = z.object({ commentId: commentIdSchema });
export type CommentIdForm = z.infer<typeof commentIdFormSchema>;

/** How long a retraction's note may be: a sentence or two on what changed the author's mind. */
export const RETRACTION_NOTE_MAX_LENGTH = 500;

const CAUSE_MESSAGE = "Give the comment that changed your mind as its link (ending in #comment-123) or its number, or leave it empty.";

/**
 * The comment that changed the author's mind, as a reader would paste it: its number, its
 * "#comment-123" anchor, or any link to it (…#comment-123, /comments/123). Empty: none.
 */
export const retractionCauseSchema = z.preprocess(
  (value) => {
    if (value === undefined || value === null) return null;
    if (typeof value === "number") return value;
    if (typeof value !== "string") return value;
    const text = value.trim();
    if (text === "") return null;
    const match = /^(?:#?comment-)?(\d{1,10})$/.exec(text) ?? /(?:#comment-|\/comments\/)(\d{1,10})\/?$/.exec(text);
    return match ? Number(match[1]) : Number.NaN;
  },
  z.number({ message: CAUSE_MESSAGE }).int({ message: CAUSE_MESSAGE }).min(1, { message: CAUSE_MESSAGE }).max(MAX_ID, { message: CAUSE_MESSAGE }).nullable(),
);

export const retractionFormSchema = z.object({
  commentId: commentIdSchema,
  // What the form's button says: retract it, or undo the retraction.
  intent: z.enum(["retract", "undo"], { message: "This form is out of date. Reload the page and try again." }),
  note: z.preprocess(
    (value) => (value === undefined || value === null ? "" : value),
    z
      .string({ message: "Write the note as text." })
      .trim()
      .max(RETRACTION_NOTE_MAX_LENGTH, { message: `Keep the note to ${RETRACTION_NOTE_MAX_LENGTH} characters; it says what changed your mind.` })
      .transform((note) => (note === "" ? null : note)),
  ),
  cause: retractionCauseSchema,
});
export type RetractionForm = z.infer<typeof retractionFormSchema>;

/** Retracting one's comment, or undoing it: { commentId, intent, note?, cause? }. */
export function parseRetractionForm(input: FormInput): ParseResult<RetractionForm> {
  return parseFields(retractionFormSchema, input, ["commentId", "intent", "note", "cause"]);
}

export type FieldErrors<T> = Partial<Record<keyof T, string>>;
export type ParseResult<T> = { ok: true; data: T } | { ok: false; fieldErrors: FieldErrors<T> };

type FormInput = FormData | Readonly<Record<string, unknown>>;

/** A new comment or reply: { essayPath, parentId, body }, or one message per field that is wrong. */
export function parseCommentForm(input: FormInput): ParseResult<CommentForm> {
  return parseFields(commentFormSchema, input, ["essayPath", "parentId", "body", "disagrees", "restatement"]);
}

/** An edit of an existing comment: { commentId, body }, or one message per field that is wrong. */
export function parseCommentEditForm(input: FormInput): ParseResult<CommentEditForm> {
  return parseFields(commentEditFormSchema, input, ["commentId", "body"]);
}

/** A write on one existing comment by its id alone (delete): { commentId }. */
export function parseCommentIdForm(input: FormInput): ParseResult<CommentIdForm> {
  return parseFields(commentIdFormSchema, input, ["commentId"]);
}

function parseFields<T extends Record<string, unknown>>(
  schema: z.ZodType<T>,
  input: FormInput,
  fields: readonly (keyof T & string)[],
): ParseResult<T> {
  // Read only the named fields: whatever else arrives (authorId, createdAt, id on a new
  // comment) is never even copied.
  const picked: Record<string, unknown> = {};
  for (const field of fields) picked[field] = readField(input, field);
  const result = schema.safeParse(picked);
  if (result.success) return { ok: true, data: result.data };
  const fieldErrors: FieldErrors<T> = {};
  for (const issue of result.error.issues) {
    const field = issue.path[0] as keyof T | undefined;
    if (field !== undefined && fieldErrors[field] === undefined) fieldErrors[field] = issue.message;
  }
  return { ok: false, fieldErrors };
}

function readField(input: FormInput, field: string): unknown {
  if (isFormData(input)) {
    const value = input.get(field);
    // A file where text is expected is as good as nothing.
    return typeof value === "string" ? value : undefined;
  }
  return Object.hasOwn(input, field) ? input[field] : undefined;
}

function isFormData(input: FormInput): input is FormData {
  return typeof FormData !== "undefined" && input instanceof FormData;
}

/** Votes (docs/decisions/037): the axis, the choice on it ("none" removes it), and a ▼'s reason. */
export const VOTE_CHOICES = { value: ["up", "down"], stance: ["agree", "disagree"] } as const;
export const DOWN_REASONS = ["off-topic", "repetitive", "no-argument"] as const;
export type VoteInput = {
  commentId: number;
  essayPath: string;
  axis: "value" | "stance";
  value: "up" | "down" | "agree" | "disagree" | null;
  reason: (typeof DOWN_REASONS)[number] | null;
  /** A plain form's button: the same choice again takes the vote back. */
  toggle: boolean;
};

const voteFieldsSchema = z.object({
  commentId: commentIdSchema,
  essayPath: essayPathSchema,
  axis: z.enum(["value", "stance"], { message: "Choose what to vote on: value or stance." }),
  value: z.enum(["up", "down", "agree", "disagree", "none"], { message: "Choose up, down, agree, disagree or none." }),
  reason: z.preprocess((value) => (value === "" || value === null ? undefined : value), z.enum(DOWN_REASONS, { message: "Choose why it is not useful: off-topic, repetitive or no argument." }).optional()),
  toggle: z.preprocess((value) => value === true || value === "1" || value === "true", z.boolean()),
});

/**
 * The plain form's one field for its buttons (one form per thread page keeps a long page light):
 * `vote` = "<comment id>:" + "up", "down:<reason>", "agree" or "disagree", pressed again to take it back.
 */
function expandVoteButton(input: FormInput): FormInput {
  const pressed = readField(input, "vote");
  if (typeof pressed !== "string") return input;
  // The page's one form serves every comment: the button names it (lib/comments/vote-button.ts).
  const { commentId, choice: value, reason } = readVoteButton(pressed);
  return {
    commentId,
    essayPath: readField(input, "essayPath"),
    axis: value === "agree" || value === "disagree" ? "stance" : "value",
    value,
    reason,
    toggle: true,
  };
}

export function parseVoteForm(input: FormInput): ParseResult<VoteInput> {
  const parsed = parseFields(voteFieldsSchema, expandVoteButton(input), ["commentId", "essayPath", "axis", "value", "reason", "toggle"]);
  if (!parsed.ok) return parsed as ParseResult<VoteInput>;
  const { axis, value, reason, ...rest } = parsed.data;
  const choice = value === "none" ? null : value;
  if (choice !== null && !(VOTE_CHOICES[axis] as readonly string[]).includes(choice)) {
    return { ok: false, fieldErrors: { value: axis === "value" ? "A value vote is up or down." : "A stance is agree or disagree." } };
  }
  // "Wrong" is not a reason: disagreeing is what the stance axis is for.
  if (choice === "down" && !reason) return { ok: false, fieldErrors: { reason: "Say why it is not useful: off-topic, repetitive or no argument. Disagreeing is a stance, not a ▼." } };
  return { ok: true, data: { ...rest, axis, value: choice, reason: choice === "down" ? reason! : null } };
}

/** A Δ's explanation: enough to say what changed (issue 14), short enough to read beside the comment. */
export const DELTA_EXPLANATION_MIN_LENGTH = 50;
export const DELTA_EXPLANATION_MAX_LENGTH = 1000;

export const deltaFormSchema = z.object({
  commentId: commentIdSchema,
  explanation: z.preprocess(
    (value) => (value === undefined || value === null ? "" : value),
    z
      .string({ message: "Write what changed your mind as text." })
      .transform((text) => text.replace(/\r\n?/g, "\n").trim())
      .pipe(
        z
          .string()
          .min(DELTA_EXPLANATION_MIN_LENGTH, { message: `Say what changed your mind in at least ${DELTA_EXPLANATION_MIN_LENGTH} characters, so its author and other readers can see what persuaded you.` })
          .max(DELTA_EXPLANATION_MAX_LENGTH, { message: `Keep it to ${DELTA_EXPLANATION_MAX_LENGTH} characters.` }),
      ),
  ),
});
export type DeltaForm = z.infer<typeof deltaFormSchema>;

/** Awarding a Δ "changed my mind": { commentId, explanation }. */
export function parseDeltaForm(input: FormInput): ParseResult<DeltaForm> {
  return parseFields(deltaFormSchema, input, ["commentId", "explanation"]);
}

/** The answer of the person a restatement restates: "yes, that's my view", or "not quite" with what. */
export const restatementAnswerSchema = z
  .object({
    commentId: commentIdSchema,
    verdict: z.enum(["confirmed", "not-quite"], { message: "Choose “Yes, that’s my view” or “Not quite”." }),
    correction: oneSentence("what you would correct"),
  })
  .superRefine((form, context) => {
    if (form.verdict === "not-quite" && form.correction === null) {
      context.addIssue({ code: "custom", path: ["correction"], message: "Say in a sentence what is not quite right, so they can see your view." });
    }
  })
  .transform((form) => (form.verdict === "confirmed" ? { ...form, correction: null } : form));
export type RestatementAnswer = z.infer<typeof restatementAnswerSchema>;

/** Answering a restatement of one's view: { commentId (the reply), verdict, correction? }. */
export function parseRestatementAnswer(input: FormInput): ParseResult<RestatementAnswer> {
  return parseFields(restatementAnswerSchema, input, ["commentId", "verdict", "correction"]);
}
