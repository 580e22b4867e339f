// How long a comment is, as the server will count it, and what the comment box says about it
// (decision 031). Pure, so the counter is tested without a browser.

/**
 * The server's limit (COMMENT_MAX_CHARACTERS in lib/comments/validation.ts; a unit test keeps the two
 * equal). Not imported from there: that module brings zod, which the essay page's JavaScript can do without.
 */
export const MAX = 10_000;
/** From here on the counter warns: about the last tenth of the allowance. */
export const NEAR = Math.round(MAX * 0.9);

const n = (value: number) => value.toLocaleString("en-US");

/**
 * Characters the way lib/comments/validation.ts counts them after its clean-up: line endings
 * made "\n", NULs dropped, trimmed, each code point one ("é" or "👍" is one, not two).
 */
export function countCommentCharacters(text: string): number {
  const cleaned = text.replace(/\r\n?/g, "\n").replaceAll("\u0000", "").trim();
  let characters = 0;
  for (const _ of cleaned) characters++;
  return characters;
}

/** Where the count stands; the box announces a change of band, never a single keystroke. */
export type LengthBand = "ok" | "near" | "full" | "over";

export function lengthBand(count: number): LengthBand {
  if (count > MAX) return "over";
  if (count === MAX) return "full";
  return count >= NEAR ? "near" : "ok";
}

/** The visible counter under the box. */
export function counterText(count: number): string {
  const base = `${n(count)} of ${n(MAX)} characters`;
  switch (lengthBand(count)) {
    case "ok":
      return base;
    case "near":
      return `${base}: ${n(MAX - count)} left`;
    case "full":
      return `${base}: the limit`;
    case "over":
      return `${base}: ${n(count - MAX)} too many`;
  }
}

/** What a screen reader hears, politely, when the count enters a band (empty: nothing to say). */
export function bandAnnouncement(band: LengthBand, count: number, previous: LengthBand): string {
  switch (band) {
    case "ok":
      return previous === "ok" ? "" : `Back within the ${n(MAX)}-character limit.`;
    case "near":
      return previous === "over" || previous === "full" ? `Within the limit: ${n(MAX - count)} characters left.` : `${n(MAX - count)} characters left.`;
    case "full":
      return `You have reached the ${n(MAX)}-character limit.`;
    case "over":
      return `Your comment is ${n(count - MAX)} characters over the ${n(MAX)}-character limit. Shorten it to post it.`;
  }
}

/** Why the form will not send: said on submit, in the page, with the whole text kept. */
export function overLimitError(count: number): string {
  return `Your comment has ${n(count)} characters; the limit is ${n(MAX)}. Shorten it by ${n(count - MAX)} to post it. Your text stays here.`;
}
