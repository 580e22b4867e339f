// The passage a new comment responds to, as a form or a JSON body sends it (issue 15). A form
// sends passage-revision, passage-block, passage-start, passage-end and passage-exact; a JSON body
// `passage: { revisionId, blockId, start, end, exact }`. Only the shape is checked here; whether it
// is a real passage of the essay is checked against the stored revision in the comment's
// transaction (db/queries/passages.ts checkPassage).
import { z } from "zod";
import type { PassageInput, PassageRefusal } from "@/db/queries/passages";
import { MAX_PASSAGE_CHARS } from "./quote";

const offset = z.coerce.number({ message: "expected a whole number" }).int({ message: "expected a whole number" }).min(0, { message: "expected 0 or more" }).max(1_000_000);
const passageSchema = z.strictObject({
  revisionId: z.string().trim().regex(/^r[\w-]{1,64}$/, { message: "expected a revision id from the page" }),
  blockId: z.string().trim().regex(/^b[\w-]{1,64}$/, { message: "expected a block id from the page" }),
  start: offset,
  end: offset,
  exact: z.string().min(1, { message: "expected the passage's words" }).max(MAX_PASSAGE_CHARS, { message: `a passage is at most ${MAX_PASSAGE_CHARS.toLocaleString("en-US")} characters` }),
});

const FORM_FIELDS = { revisionId: "passage-revision", blockId: "passage-block", start: "passage-start", end: "passage-end", exact: "passage-exact" } as const;

export type ReadPassage = { ok: true; passage: PassageInput | null } | { ok: false; message: string };

export function readPassageInput(input: FormData | Readonly<Record<string, unknown>>): ReadPassage {
  let raw: unknown;
  if (input instanceof FormData) {
    const values = Object.fromEntries(Object.entries(FORM_FIELDS).map(([key, field]) => [key, input.get(field)]));
    if (Object.values(values).every((value) => value === null || value === "")) return { ok: true, passage: null };
    raw = Object.fromEntries(Object.entries(values).map(([key, value]) => [key, typeof value === "string" ? value : undefined]));
  } else {
    if (input.passage === undefined || input.passage === null) return { ok: true, passage: null };
    raw = input.passage;
  }
  const parsed = passageSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, message: `The passage you respond to is not one of this page's: ${issue?.path.join(".") || "passage"} ${issue?.message ?? "is malformed"}. Reload the essay and select it again.` };
  }
  return { ok: true, passage: parsed.data };
}

export const PASSAGE_REFUSALS: Record<PassageRefusal, string> = {
  "unknown-revision": "That passage is from a version of the essay this site does not know. Reload the essay and select the passage again; your text is kept here.",
  "other-essay": "That passage is from another essay. Respond to it under that essay.",
  "unknown-block": "That passage's paragraph is not in this version of the essay. Reload the essay and select it again; your text is kept here.",
  "outside-block": "That passage does not fit inside its paragraph. Reload the essay and select it again; your text is kept here.",
  "quote-mismatch": "Those words are not the essay's at that place. Reload the essay and select the passage again; your text is kept here.",
  empty: "Select some words of the essay to respond to.",
  "too-long": `Choose a passage of at most ${MAX_PASSAGE_CHARS.toLocaleString("en-US")} characters: the sentence or two you respond to.`,
};
