// npm run bench:anchors
//
// Issue 15's budget: re-anchoring 500 passage anchors on a 10,000-word essay in under 200 ms. The
// essay is the seed essay's blocks six times over, each copy lightly reworded (so phrases repeat, as
// they do in long essays, which is the fuzzy search's hard case); 500 anchors of 1–25 words over
// it; then three new revisions, timed from block ids to the last placement, median of 7 runs:
//   - 10 scripted edits (the unit corpus's kinds: insertions, deletions, moves, rewording, splits, merges);
//   - 40 edits;
//   - a third of the blocks deleted (every anchor in them goes through the whole-revision search).
// Figures only: it never fails on a time.
import fs from "node:fs";
import { carryBlockIds, type Block, type BlockText } from "@/lib/anchors/block-ids";
import { essayBlocks } from "@/lib/anchors/essay-blocks";
import { quoteBlock, type PassageAnchor } from "@/lib/anchors/quote";
import { Reanchorer } from "@/lib/anchors/reanchor";
import { splitFrontMatter } from "@/lib/content/split-front-matter";
import { applyEdit, EDIT_KINDS, random, traced } from "../tests/fixtures/anchor-edits";
import { printTable } from "./lib/table";

const SEED = "content/because-killing-them-all-is-not-an-option.md";
const WORDS_WANTED = 10_000;
const ANCHORS = 500;
const RUNS = 7;

const split = splitFrontMatter(fs.readFileSync(SEED, "utf8"));
if (!split.ok) throw new Error(`${SEED}: ${split.message}`);
const seedBlocks = essayBlocks(split.body);
const rng = random(15);
const swaps = ["plainly", "truly", "often", "always", "rarely", "perhaps"];

const texts: BlockText[] = [];
for (let copy = 0; texts.reduce((n, b) => n + b.text.split(/\s+/).length, 0) < WORDS_WANTED; copy += 1) {
  for (const block of seedBlocks) texts.push({ ...block, text: copy === 0 ? block.text : block.text.replace(/\b(really|just|simply|actually|only)\b/g, () => rng.pick(swaps)) });
}
const words = texts.reduce((n, b) => n + b.text.split(/\s+/).length, 0);
const original: Block[] = carryBlockIds([], texts);

const anchors: PassageAnchor[] = [];
while (anchors.length < ANCHORS) {
  const block = rng.pick(original);
  const spans = [...block.text.matchAll(/\S+/g)];
  const first = rng.int(spans.length);
  const last = Math.min(spans.length - 1, first + rng.int(25));
  const start = spans[first]!.index;
  const end = spans[last]!.index + spans[last]![0].length;
  const quote = quoteBlock(block.text, start, end);
  if (!("problem" in quote)) anchors.push({ revision: "r0", block: block.id, start, end, ...quote });
}

function edited(count: number): BlockText[] {
  let blocks = traced(original);
  for (let n = 0; n < count; n += 1) blocks = applyEdit(blocks, rng.pick(EDIT_KINDS), rng);
  return blocks.map(({ kind, text }) => ({ kind, text }));
}
const scenarios = [
  { label: "10 edits", next: edited(10) },
  { label: "40 edits", next: edited(40) },
  { label: "a third of the blocks deleted", next: texts.filter((_, i) => i % 3 !== 1) },
];

const rows = scenarios.map(({ label, next }) => {
  const times: number[] = [];
  let counts: Record<string, number> = {};
  for (let run = 0; run < RUNS; run += 1) {
    const started = performance.now();
    const blocks = carryBlockIds(original, next);
    const reanchorer = new Reanchorer(original, blocks);
    counts = {};
    for (const anchor of anchors) {
      const { status } = reanchorer.place(anchor);
      counts[status] = (counts[status] ?? 0) + 1;
    }
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return [label, next.length, times[Math.floor(RUNS / 2)]!.toFixed(1), times[0]!.toFixed(1), times[RUNS - 1]!.toFixed(1), `${counts.anchored ?? 0} / ${counts.changed ?? 0} / ${counts.orphaned ?? 0}`];
});

console.log(`bench:anchors — ${words.toLocaleString("en-US")} words in ${original.length} blocks, ${ANCHORS} anchors, Node ${process.version}.`);
printTable(
  `Re-anchoring ${ANCHORS} anchors to a new revision (block ids + every placement; budget < 200 ms)`,
  ["new revision", "blocks", "median ms", "min ms", "max ms", "anchored / changed / orphaned"],
  rows,
);
