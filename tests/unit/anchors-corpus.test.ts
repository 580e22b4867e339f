// Issue 15 item 5: re-anchoring held honest over scripted edits of the seed essay. Every character
// of an edited revision knows where it came from (tests/fixtures/anchor-edits.ts), so for each
// anchor the truth is known: its words untouched at some place, or touched by the edit.
import fs from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { carryBlockIds, type Block } from "@/lib/anchors/block-ids";
import { essayBlocks } from "@/lib/anchors/essay-blocks";
import { quoteBlock, type PassageAnchor } from "@/lib/anchors/quote";
import { Reanchorer, type Placement } from "@/lib/anchors/reanchor";
import { splitFrontMatter } from "@/lib/content/split-front-matter";
import { applyEdit, EDIT_KINDS, random, traced, truthFor, type EditKind, type TracedBlock } from "../fixtures/anchor-edits";

const SEED = "content/because-killing-them-all-is-not-an-option.md";
const split = splitFrontMatter(fs.readFileSync(SEED, "utf8"));
if (!split.ok) throw new Error(`${SEED}: ${split.message}`);
const original: Block[] = carryBlockIds([], essayBlocks(split.body));

type Case = { anchor: PassageAnchor; block: number };

/** Anchors over every block: word spans of 1–20 words, whole sentences, whole blocks, and every occurrence of repeated phrases. */
function anchorsOver(blocks: Block[]): Case[] {
  const rng = random(7);
  const cases: Case[] = [];
  const add = (b: number, start: number, end: number) => {
    const quote = quoteBlock(blocks[b]!.text, start, end);
    if ("problem" in quote) return;
    cases.push({ block: b, anchor: { revision: "r0", block: blocks[b]!.id, start, end, ...quote } });
  };
  blocks.forEach((block, b) => {
    const words = [...block.text.matchAll(/\S+/g)];
    for (let n = 0; n < 4; n += 1) {
      const first = rng.int(words.length);
      const last = Math.min(words.length - 1, first + rng.int(20));
      add(b, words[first]!.index, words[last]!.index + words[last]![0].length);
    }
    const sentence = block.text.match(/[^.!?]+[.!?]/);
    if (sentence) add(b, sentence.index!, sentence.index! + sentence[0].length);
    add(b, 0, block.text.length);
  });
  // Phrases the essay repeats ("genuine dialogue", "the people", …): each occurrence is its own passage.
  for (const phrase of ["genuine dialogue", "the people", "our revolution", "we have to"]) {
    blocks.forEach((block, b) => {
      for (let at = block.text.indexOf(phrase); at >= 0; at = block.text.indexOf(phrase, at + 1)) add(b, at, at + phrase.length);
    });
  }
  return cases;
}

/** 8 kinds × 30 single edits, plus 40 revisions of three edits each: 280 revisions. */
function corpus(): { kinds: EditKind[]; blocks: TracedBlock[] }[] {
  const rng = random(2026);
  const revisions: { kinds: EditKind[]; blocks: TracedBlock[] }[] = [];
  for (const kind of EDIT_KINDS) for (let n = 0; n < 30; n += 1) revisions.push({ kinds: [kind], blocks: applyEdit(traced(original), kind, rng) });
  for (let n = 0; n < 40; n += 1) {
    const kinds = [rng.pick(EDIT_KINDS), rng.pick(EDIT_KINDS), rng.pick(EDIT_KINDS)];
    revisions.push({ kinds, blocks: kinds.reduce((blocks, kind) => applyEdit(blocks, kind, rng), traced(original)) });
  }
  return revisions;
}

describe("re-anchoring over 280 scripted revisions of the seed essay", () => {
  const cases = anchorsOver(original);
  const revisions = corpus();
  const tally = { untouched: 0, survived: 0, wrongPlace: 0, falseAnchored: 0, touched: 0, touchedAnchored: 0, changed: 0, orphaned: 0 };
  const failures: string[] = [];

  beforeAll(() => {
    for (const revision of revisions) reanchorRevision(revision);
  });

  function reanchorRevision(revision: { kinds: EditKind[]; blocks: TracedBlock[] }) {
    const next = carryBlockIds(original, revision.blocks);
    const reanchorer = new Reanchorer(original, next);
    for (const { anchor, block } of cases) {
      const placement: Placement = reanchorer.place(anchor);
      const truth = truthFor(revision.blocks, block, anchor.start, anchor.end);
      if (placement.status === "anchored") {
        const at = next.findIndex((b) => b.id === placement.block);
        if (next[at]?.text.slice(placement.start, placement.end) !== anchor.exact) {
          tally.falseAnchored += 1;
          failures.push(`${revision.kinds.join("+")}: anchored on other words: ${JSON.stringify(anchor.exact.slice(0, 40))}`);
        }
        if (truth && (truth.index !== at || truth.start !== placement.start)) {
          tally.wrongPlace += 1;
          failures.push(`${revision.kinds.join("+")}: ${JSON.stringify(anchor.exact.slice(0, 40))} anchored at block ${at}:${placement.start}, its words are at ${truth.index}:${truth.start}`);
        }
      }
      if (placement.status === "changed") tally.changed += 1;
      if (placement.status === "orphaned") tally.orphaned += 1;
      if (truth) {
        tally.untouched += 1;
        if (placement.status === "anchored" && next[truth.index]?.id === placement.block && placement.start === truth.start) tally.survived += 1;
      } else {
        tally.touched += 1;
        if (placement.status === "anchored") tally.touchedAnchored += 1;
      }
    }
  }

  it("covers at least 200 edits and every kind of edit", () => {
    expect(revisions.length).toBeGreaterThanOrEqual(200);
    expect(new Set(revisions.flatMap((r) => r.kinds))).toEqual(new Set(EDIT_KINDS));
    expect(cases.length).toBeGreaterThan(100);
  });

  it("never shows an anchor as anchored on words that differ from its quote, nor on the wrong occurrence", () => {
    expect(failures.slice(0, 10)).toEqual([]);
    expect(tally.falseAnchored).toBe(0);
    expect(tally.wrongPlace).toBe(0);
  });

  it("keeps at least 95 % of anchors whose words an edit did not touch, at their words", () => {
    console.log(`re-anchoring corpus: ${revisions.length} revisions × ${cases.length} anchors:`, tally);
    expect(tally.survived / tally.untouched).toBeGreaterThanOrEqual(0.95);
  });

  it("marks anchors whose words were edited or deleted as changed or orphaned, never silently anchored elsewhere", () => {
    expect(tally.touched).toBeGreaterThan(500);
    // A touched anchor can only be "anchored" where its exact words still are (checked above).
    expect(tally.changed + tally.orphaned).toBeGreaterThanOrEqual(tally.touched - tally.touchedAnchored);
  });
});
