// A block's sentences, for choosing a passage without JavaScript (issue 15): the respond page lists
// them as boxes to tick, and the passage runs from the first ticked sentence to the last.
import { sentenceStarts } from "./quote";

export type Sentence = { start: number; end: number; text: string };

const lineStarts = (text: string) => [0, ...[...text.matchAll(/\n/g)].map((match) => match.index + 1)];

/** The block's sentences (a code block's lines), each without the space after it. */
export function sentencesOf(text: string, kind: "code" | "prose" = "prose"): Sentence[] {
  const starts = kind === "code" ? lineStarts(text) : sentenceStarts(text);
  return starts
    .map((start, index) => {
      let end = starts[index + 1] ?? text.length;
      while (end > start && /\s/.test(text[end - 1]!)) end -= 1;
      return { start, end, text: text.slice(start, end) };
    })
    .filter((sentence) => sentence.text.trim() !== "");
}

/**
 * The range from the first chosen sentence to the last (indexes as the page numbered them), or
 * null when none of them is one of the block's sentences.
 */
export function rangeOfSentences(sentences: readonly Sentence[], chosen: readonly number[]): { start: number; end: number } | null {
  const picked = chosen.filter((index) => Number.isInteger(index) && sentences[index] !== undefined);
  if (picked.length === 0) return null;
  return { start: sentences[Math.min(...picked)]!.start, end: sentences[Math.max(...picked)]!.end };
}
