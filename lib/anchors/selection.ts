// A reader's selection, as the page reports it (block ids and offsets into each block's text), made
// into the passage a comment anchors to. A selection over several blocks anchors to the block it
// starts in, up to that block's end (one passage, one place in the margin); the form says so.
import { MAX_PASSAGE_CHARS, quoteBlock, type QuoteProblem, type TextQuote } from "./quote";
import type { Block } from "./block-ids";

export type Selection = { startBlock: string; startOffset: number; endBlock: string; endOffset: number };
export type Passage = TextQuote & { block: string; start: number; end: number; clipped: boolean };
export type SelectionProblem = QuoteProblem | "unknown-block";

export const SELECTION_MESSAGES: Record<SelectionProblem, string> = {
  "unknown-block": "That passage is not in this version of the essay. Reload the page and select it again.",
  "outside-block": "That selection does not fit the paragraph it is in. Select the passage again.",
  empty: "Select some words of the essay to respond to.",
  "too-long": `Choose a passage of at most ${MAX_PASSAGE_CHARS.toLocaleString("en-US")} characters: a sentence or two you respond to, not a whole section.`,
};

export function passageFromSelection(blocks: Block[], selection: Selection): Passage | { problem: SelectionProblem } {
  const startIndex = blocks.findIndex((block) => block.id === selection.startBlock);
  const endIndex = blocks.findIndex((block) => block.id === selection.endBlock);
  const block = blocks[startIndex];
  if (!block || endIndex < 0) return { problem: "unknown-block" };
  if (endIndex < startIndex) return { problem: "outside-block" };
  const clipped = endIndex > startIndex;
  let start = selection.startOffset;
  let end = clipped ? block.text.length : selection.endOffset;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end > block.text.length || start > end) return { problem: "outside-block" };
  // Selections often take in the space around the words; the passage is the words.
  while (start < end && /\s/.test(block.text[start]!)) start += 1;
  while (end > start && /\s/.test(block.text[end - 1]!)) end -= 1;
  const quote = quoteBlock(block.text, start, end);
  if ("problem" in quote) return quote;
  return { ...quote, block: block.id, start, end, clipped };
}
