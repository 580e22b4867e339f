// Moves passage anchors from the revision they were written on to a newer one (issue 15, decision
// 045). Server side only, once per new revision. The rule that matters: an anchor is "anchored" only
// where the new text holds exactly its quoted words; anything less is "changed" (the words were
// edited: the comment shows its original quote) or "orphaned" (no place qualifies). Never hidden,
// never quietly moved onto other words.
import type { Block } from "./block-ids";
import type { PassageAnchor } from "./quote";
import { bigrams, dice, editSimilarity } from "./similarity";
import { diffChars, mapRange, type CharMap } from "./text-diff";

export type Placement =
  | { status: "anchored"; block: string; start: number; end: number; moved: boolean }
  | { status: "changed"; block: string; start: number; end: number }
  | { status: "orphaned"; near: string | null };

// Issue 15's thresholds for placing a passage outside its own block.
export const QUOTE_SIMILARITY = 0.9;
export const CONTEXT_SIMILARITY = 0.7;
export const RUNNER_UP_MARGIN = 0.1;
// Inside its own block an exact occurrence is taken without the whole search when its context is this close.
const OWN_BLOCK_CONTEXT = 0.9;

type Candidate = { block: string; start: number; end: number; quote: number; context: number; score: number };

/** Re-anchors any number of anchors from one revision to another, sharing the per-block work. */
export class Reanchorer {
  private readonly oldById: Map<string, { block: Block; index: number }>;
  private readonly newById: Map<string, { block: Block; index: number }>;
  private readonly diffs = new Map<string, CharMap>();
  private readonly blockGrams = new Map<string, Map<string, number>>();

  constructor(
    private readonly from: Block[],
    private readonly to: Block[],
  ) {
    this.oldById = new Map(from.map((block, index) => [block.id, { block, index }]));
    this.newById = new Map(to.map((block, index) => [block.id, { block, index }]));
  }

  place(anchor: PassageAnchor): Placement {
    const old = this.oldById.get(anchor.block);
    if (!old || old.block.text.slice(anchor.start, anchor.end) !== anchor.exact) return { status: "orphaned", near: null };
    const current = this.newById.get(anchor.block);
    let mapped: ReturnType<typeof mapRange> = null;
    if (current) {
      const text = current.block.text;
      mapped = mapRange(this.diff(anchor.block, old.block.text, text), anchor.start, anchor.end);
      if (mapped?.intact && text.slice(mapped.start, mapped.end) === anchor.exact) {
        return { status: "anchored", block: anchor.block, start: mapped.start, end: mapped.end, moved: mapped.start !== anchor.start || current.index !== old.index };
      }
      const inBlock = this.bestExact(anchor, current.block, mapped?.start ?? anchor.start);
      if (inBlock) return { status: "anchored", block: anchor.block, start: inBlock.start, end: inBlock.end, moved: true };
    }
    const found = this.search(anchor);
    if (found) {
      const text = this.newById.get(found.block)!.block.text.slice(found.start, found.end);
      return text === anchor.exact
        ? { status: "anchored", block: found.block, start: found.start, end: found.end, moved: true }
        : { status: "changed", block: found.block, start: found.start, end: found.end };
    }
    if (current && mapped) return { status: "changed", block: anchor.block, start: mapped.start, end: mapped.end };
    return { status: "orphaned", near: this.nearestSurvivor(old.index) };
  }

  private diff(id: string, before: string, after: string): CharMap {
    let map = this.diffs.get(id);
    if (!map) {
      map = diffChars(before, after);
      this.diffs.set(id, map);
    }
    return map;
  }

  private grams(block: Block) {
    let grams = this.blockGrams.get(block.id);
    if (!grams) {
      grams = bigrams(block.text);
      this.blockGrams.set(block.id, grams);
    }
    return grams;
  }

  /**
   * The exact quote inside its own (edited) block, where the diff lost track of it: the occurrence
   * whose context fits clearly best. A weaker fit falls to the search of the whole revision, since
   * the words may have moved to another block (a split) and these are other words alike.
   */
  private bestExact(anchor: PassageAnchor, block: Block, near: number): { start: number; end: number } | null {
    const scored = occurrencesOf(block.text, anchor.exact).map((start) => ({ start, context: contextSimilarity(anchor, block.text, start, start + anchor.exact.length) }));
    scored.sort((a, b) => b.context - a.context || Math.abs(a.start - near) - Math.abs(b.start - near));
    const [best, runnerUp] = scored;
    if (!best || best.context < OWN_BLOCK_CONTEXT) return null;
    if (runnerUp && best.context - runnerUp.context < RUNNER_UP_MARGIN) return null;
    return { start: best.start, end: best.start + anchor.exact.length };
  }

  /**
   * The place in the whole new revision that holds the quote (≥ 0.9 alike) in its context (≥ 0.7),
   * clearly better (by 0.1) than any other place; null when no place qualifies or two are close.
   */
  private search(anchor: PassageAnchor): Candidate | null {
    const quoteGrams = bigrams(anchor.exact);
    let quoteBigramCount = 0;
    for (const count of quoteGrams.values()) quoteBigramCount += count;
    const candidates: Candidate[] = [];
    for (const block of this.to) {
      if (block.text.length < anchor.exact.length * QUOTE_SIMILARITY) continue;
      // A block can only hold a 0.9-alike quote if it shares most of the quote's bigrams.
      if (containment(quoteGrams, quoteBigramCount, this.grams(block)) < 0.75) continue;
      for (const window of windows(block.text, anchor.exact, quoteGrams)) {
        const quote = editSimilarity(anchor.exact, block.text.slice(window.start, window.end));
        if (quote < QUOTE_SIMILARITY) continue;
        const context = contextSimilarity(anchor, block.text, window.start, window.end);
        candidates.push({ block: block.id, ...window, quote, context, score: (quote + context) / 2 });
      }
    }
    candidates.sort((a, b) => b.score - a.score);
    const best = candidates[0];
    if (!best || best.context < CONTEXT_SIMILARITY) return null;
    const runnerUp = candidates.find((other) => other.block !== best.block || other.end <= best.start || other.start >= best.end);
    if (runnerUp && best.score - runnerUp.score < RUNNER_UP_MARGIN) return null;
    return best;
  }

  private nearestSurvivor(oldIndex: number): string | null {
    for (let i = oldIndex - 1; i >= 0; i -= 1) if (this.newById.has(this.from[i]!.id)) return this.from[i]!.id;
    for (let i = oldIndex + 1; i < this.from.length; i += 1) if (this.newById.has(this.from[i]!.id)) return this.from[i]!.id;
    return this.to[0]?.id ?? null;
  }
}

function occurrencesOf(text: string, exact: string): number[] {
  const found: number[] = [];
  for (let at = text.indexOf(exact); at >= 0; at = text.indexOf(exact, at + 1)) found.push(at);
  return found;
}

function containment(quote: Map<string, number>, quoteCount: number, block: Map<string, number>): number {
  if (quoteCount === 0) return 1;
  let shared = 0;
  for (const [pair, count] of quote) shared += Math.min(count, block.get(pair) ?? 0);
  return shared / quoteCount;
}

/** How well the text around [start, end) matches the anchor's prefix and suffix (1 when it has none). */
function contextSimilarity(anchor: PassageAnchor, text: string, start: number, end: number): number {
  const parts: [string, string][] = [];
  if (anchor.prefix) parts.push([anchor.prefix, text.slice(Math.max(0, start - anchor.prefix.length), start)]);
  if (anchor.suffix) parts.push([anchor.suffix, text.slice(end, end + anchor.suffix.length)]);
  if (parts.length === 0) return 1;
  const weight = parts.reduce((sum, [expected]) => sum + expected.length, 0);
  return parts.reduce((sum, [expected, actual]) => sum + editSimilarity(expected, actual) * expected.length, 0) / weight;
}

/**
 * Places in `text` worth comparing with `exact`: every exact occurrence, and the few windows of about
 * its length (starting and ending on word boundaries) whose bigrams are most like the quote's.
 */
function windows(text: string, exact: string, quoteGrams: Map<string, number>): { start: number; end: number }[] {
  const found = occurrencesOf(text, exact).map((start) => ({ start, end: start + exact.length }));
  if (found.length > 0) return found;
  const boundaries = [0];
  for (const match of text.matchAll(/\s+/g)) boundaries.push(match.index + match[0].length);
  const ends = [...boundaries.slice(1), text.length];
  const scored: { start: number; end: number; score: number }[] = [];
  for (const start of boundaries) {
    const target = start + exact.length;
    if (target > text.length + exact.length * (1 - QUOTE_SIMILARITY)) break;
    for (const end of nearestEnds(ends, target, text, exact.length)) {
      scored.push({ start, end, score: dice(quoteGrams, bigrams(text.slice(start, end))) });
    }
  }
  scored.sort((a, b) => b.score - a.score);
  return scored.slice(0, 6);
}

/** Word ends near `target` that keep the window's length within 10 % of the quote's. */
function nearestEnds(ends: number[], target: number, text: string, length: number): number[] {
  const slack = Math.ceil(length * (1 - QUOTE_SIMILARITY)) + 1;
  const out = new Set<number>();
  for (const end of ends) if (Math.abs(end - target) <= slack) out.add(trimmedEnd(text, end));
  if (target <= text.length) out.add(target);
  return [...out];
}

const trimmedEnd = (text: string, end: number) => {
  let at = end;
  while (at > 0 && /\s/.test(text[at - 1]!)) at -= 1;
  return at;
};
