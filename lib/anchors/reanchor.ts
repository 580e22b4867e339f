// Moves passage anchors from the revision they were written on to a newer one (issue 15, decision
// 045). Server side only, once per new revision. The rule that matters: an anchor is "anchored" only
// where the new text holds exactly its quoted words; anything less is "changed" (the words were
// edited: the comment shows its original quote) or "orphaned" (no place qualifies). Never hidden,
// never quietly moved onto other words.
import type { Block } from "./block-ids";
import type { PassageAnchor } from "./quote";
import { bigrams, editSimilarity } from "./similarity";
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
      for (const window of windows(block.text, anchor.exact)) {
        const quote = 1 - window.distance / Math.max(anchor.exact.length, window.end - window.start);
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
 * Places in `text` that may hold `exact` with at most a tenth of its characters edited. A window of
 * the quote's length slides over the text, counting the bigrams it shares with the quote (the
 * q-gram lemma: k edits destroy at most 2k bigrams, so fewer shared means too far); each run of
 * windows that pass is aligned once (approximate substring matching, Sellers' algorithm) to find
 * the exact start and end of the closest substring. O(text) per block, plus one small alignment
 * per place that passes.
 */
function windows(text: string, exact: string): { start: number; end: number; distance: number }[] {
  const found = occurrencesOf(text, exact).map((start) => ({ start, end: start + exact.length, distance: 0 }));
  if (found.length > 0) return found;
  const length = exact.length;
  if (length < 2 || text.length < length - maxEdits(length)) return [];
  // Counts keyed by a 16-bit hash of each bigram: a collision can only let a window through to
  // the alignment, which decides, so the filter stays exact in what it lets pass.
  const quote = quoteCounts;
  const window = windowCounts;
  for (let i = 0; i + 1 < length; i += 1) quote[hashPair(exact, i)]! += 1;
  const needed = length - 1 - 2 * maxEdits(length);
  let shared = 0;
  const span = Math.min(length, text.length);
  const regions: { from: number; to: number }[] = [];
  for (let i = 0; i + 1 < span; i += 1) {
    const gram = hashPair(text, i);
    if (window[gram]! < quote[gram]!) shared += 1;
    window[gram]! += 1;
  }
  for (let start = 0; ; start += 1) {
    if (shared >= needed) {
      const last = regions[regions.length - 1];
      if (last && start <= last.to + 1) last.to = start;
      else regions.push({ from: start, to: start });
    }
    if (start + span >= text.length) break;
    const out = hashPair(text, start);
    window[out]! -= 1;
    if (window[out]! < quote[out]!) shared -= 1;
    const into = hashPair(text, start + span - 1);
    if (window[into]! < quote[into]!) shared += 1;
    window[into]! += 1;
  }
  // Leave both tables zeroed for the next call.
  for (let i = 0; i + 1 < length; i += 1) quote[hashPair(exact, i)] = 0;
  for (let i = text.length - span; i + 1 < text.length; i += 1) window[hashPair(text, i)] = 0;
  const slack = maxEdits(length);
  return regions.map(({ from, to }) => align(exact, text, Math.max(0, from - slack), Math.min(text.length, to + length + slack)));
}

const maxEdits = (length: number) => Math.floor(length * (1 - QUOTE_SIMILARITY));
const hashPair = (text: string, i: number) => (text.charCodeAt(i) * 31 + text.charCodeAt(i + 1)) & 0xffff;
const quoteCounts = new Int32Array(65536);
const windowCounts = new Int32Array(65536);

/** The substring of text[from, to) closest to `exact` by edit distance (free start and end). */
function align(exact: string, text: string, from: number, to: number): { start: number; end: number; distance: number } {
  const width = to - from;
  let previous = new Int32Array(width + 1);
  let previousStart = new Int32Array(width + 1);
  let current = new Int32Array(width + 1);
  let currentStart = new Int32Array(width + 1);
  for (let j = 0; j <= width; j += 1) previousStart[j] = j;
  for (let i = 1; i <= exact.length; i += 1) {
    current[0] = i;
    currentStart[0] = 0;
    const code = exact.charCodeAt(i - 1);
    for (let j = 1; j <= width; j += 1) {
      const diagonal = previous[j - 1]! + (code === text.charCodeAt(from + j - 1) ? 0 : 1);
      const up = previous[j]! + 1;
      const left = current[j - 1]! + 1;
      if (diagonal <= up && diagonal <= left) {
        current[j] = diagonal;
        currentStart[j] = previousStart[j - 1]!;
      } else if (up <= left) {
        current[j] = up;
        currentStart[j] = previousStart[j]!;
      } else {
        current[j] = left;
        currentStart[j] = currentStart[j - 1]!;
      }
    }
    [previous, current] = [current, previous];
    [previousStart, currentStart] = [currentStart, previousStart];
  }
  let best = 0;
  for (let j = 1; j <= width; j += 1) if (previous[j]! < previous[best]!) best = j;
  return { start: from + previousStart[best]!, end: from + best, distance: previous[best]! };
}
