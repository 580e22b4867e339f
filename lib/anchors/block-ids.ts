// Ids for an essay's blocks (paragraphs, list items, blockquotes, headings, code) that survive edits
// elsewhere in the essay. A revision's ids come from the revision before it: a block whose text is
// unchanged keeps its id wherever it moved; an edited block keeps the id of the old block it most
// resembles; only new text gets a new id. Deterministic, so every instance building the same two
// revisions agrees on the ids without talking to the others.
import { createHash } from "node:crypto";
import { bigrams, dice } from "./similarity";

export type BlockKind = "paragraph" | "heading" | "list-item" | "blockquote" | "code";
export type BlockText = { kind: BlockKind; text: string };
export type Block = BlockText & { id: string };

// An edited block keeps its id when this much of it is still the same (Dice over bigrams): a
// paragraph with a sentence rewritten, or the larger half of a split, still is the same block.
const SAME_BLOCK_SIMILARITY = 0.6;

const freshId = (text: string, taken: Set<string>) => {
  const hash = createHash("sha256").update(text).digest("base64url").replace(/[-_]/g, "");
  for (let length = 6; ; length += 1) {
    const id = `b${hash.slice(0, length)}`;
    if (!taken.has(id)) return id;
    if (length >= hash.length) return `${id}${taken.size}`;
  }
};

/** The next revision's blocks with ids carried over from `previous` (an empty list for a first revision). */
export function carryBlockIds(previous: Block[], next: BlockText[]): Block[] {
  const ids: (string | undefined)[] = new Array(next.length);
  const used = new Set<number>();

  // 1. Unchanged text keeps its id; among equal texts, the old block nearest in position.
  const byText = new Map<string, number[]>();
  previous.forEach((block, index) => byText.set(block.text, [...(byText.get(block.text) ?? []), index]));
  next.forEach((block, index) => {
    const candidates = (byText.get(block.text) ?? []).filter((old) => !used.has(old) && previous[old]!.kind === block.kind);
    if (candidates.length === 0) return;
    const nearest = candidates.reduce((best, old) => (Math.abs(old - index) < Math.abs(best - index) ? old : best));
    used.add(nearest);
    ids[index] = previous[nearest]!.id;
  });

  // 2. Edited blocks: the most similar pairs first, each old block at most once.
  const pairs: { old: number; index: number; score: number }[] = [];
  const oldGrams = previous.map((block) => bigrams(block.text));
  next.forEach((block, index) => {
    if (ids[index] !== undefined) return;
    const grams = bigrams(block.text);
    previous.forEach((old, oldIndex) => {
      if (used.has(oldIndex) || old.kind !== block.kind) return;
      const score = dice(oldGrams[oldIndex]!, grams);
      if (score >= SAME_BLOCK_SIMILARITY) pairs.push({ old: oldIndex, index, score });
    });
  });
  pairs.sort((a, b) => b.score - a.score || Math.abs(a.old - a.index) - Math.abs(b.old - b.index));
  for (const pair of pairs) {
    if (used.has(pair.old) || ids[pair.index] !== undefined) continue;
    used.add(pair.old);
    ids[pair.index] = previous[pair.old]!.id;
  }

  // 3. New text: an id from its words, unique in this revision and never one the last revision used.
  const taken = new Set([...previous.map((block) => block.id), ...ids.filter((id): id is string => id !== undefined)]);
  return next.map((block, index) => {
    let id = ids[index];
    if (id === undefined) {
      id = freshId(`${block.kind}\n${block.text}`, taken);
      taken.add(id);
    }
    return { ...block, id };
  });
}
