// A passage's W3C Web Annotation selectors (TextQuoteSelector + TextPositionSelector, scoped to one
// block of one revision): the exact words, and the words around them up to the sentence's edge,
// at most 64 characters each side, which is what lets re-anchoring tell repeated phrases apart.
export const CONTEXT_CHARS = 64;

export type TextQuote = { exact: string; prefix: string; suffix: string };
export type PassageAnchor = TextQuote & { revision: string; block: string; start: number; end: number };

// A sentence ends at . ! ? or … (with any closing quotes or brackets) followed by white space.
const SENTENCE_END = /[.!?…]["'”’)\]]*\s+/g;

/** Offsets where a sentence starts in `text` (0 included). */
export function sentenceStarts(text: string): number[] {
  const starts = [0];
  for (const match of text.matchAll(SENTENCE_END)) starts.push(match.index + match[0].length);
  return starts;
}

/** The context before `start`: back to the sentence's start, at most 64 characters. */
export function prefixAt(text: string, start: number, starts = sentenceStarts(text)): string {
  let sentenceStart = 0;
  for (const offset of starts) if (offset <= start) sentenceStart = offset;
  return text.slice(Math.max(sentenceStart, start - CONTEXT_CHARS), start);
}

/** The context after `end`: up to the sentence's end (its punctuation included), at most 64 characters. */
export function suffixAt(text: string, end: number, starts = sentenceStarts(text)): string {
  let sentenceEnd = text.length;
  for (const offset of starts) {
    if (offset > end) {
      sentenceEnd = offset;
      break;
    }
  }
  return text.slice(end, Math.min(sentenceEnd, end + CONTEXT_CHARS)).trimEnd();
}

export const MAX_PASSAGE_CHARS = 1000;

export type QuoteProblem = "empty" | "outside-block" | "too-long";

/** The selectors for [start, end) of a block's text, or what is wrong with the range. */
export function quoteBlock(text: string, start: number, end: number): TextQuote | { problem: QuoteProblem } {
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > text.length || start > end) return { problem: "outside-block" };
  if (text.slice(start, end).trim() === "") return { problem: "empty" };
  if (end - start > MAX_PASSAGE_CHARS) return { problem: "too-long" };
  const starts = sentenceStarts(text);
  return { exact: text.slice(start, end), prefix: prefixAt(text, start, starts), suffix: suffixAt(text, end, starts) };
}
