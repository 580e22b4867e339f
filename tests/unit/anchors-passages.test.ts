import { describe, expect, it } from "vitest";
import { carryBlockIds, type Block, type BlockText } from "@/lib/anchors/block-ids";
import { essayBlocks } from "@/lib/anchors/essay-blocks";
import { quoteBlock, type PassageAnchor } from "@/lib/anchors/quote";
import { Reanchorer } from "@/lib/anchors/reanchor";
import { passageFromSelection } from "@/lib/anchors/selection";

const p = (text: string): BlockText => ({ kind: "paragraph", text });
const first = (texts: BlockText[]) => carryBlockIds([], texts);

function anchorOn(blocks: Block[], index: number, exact: string, occurrence = 0): PassageAnchor {
  const block = blocks[index]!;
  let start = -1;
  for (let n = 0; n <= occurrence; n += 1) start = block.text.indexOf(exact, start + 1);
  const quote = quoteBlock(block.text, start, start + exact.length);
  if ("problem" in quote) throw new Error(quote.problem);
  return { revision: "r1", block: block.id, start, end: start + exact.length, ...quote };
}

describe("essay blocks", () => {
  it("takes each paragraph, heading, list item, quoted paragraph and code block as it is rendered", () => {
    const blocks = essayBlocks(`## A "heading"\n\nA paragraph -- with *emphasis*.\n\n- one\n- two\n\n> quoted\n\n\`\`\`js\nconst a = "<b>";\n\`\`\`\n`);
    expect(blocks).toEqual([
      { kind: "heading", text: "A “heading”" },
      { kind: "paragraph", text: "A paragraph — with emphasis." },
      { kind: "list-item", text: "one" },
      { kind: "list-item", text: "two" },
      { kind: "blockquote", text: "quoted" },
      { kind: "code", text: 'const a = "<b>";\n' },
    ]);
  });
});

describe("block ids", () => {
  const v1 = first([p("Alpha one. Alpha two."), p("Beta paragraph here."), p("Gamma closes.")]);

  it("are the same for the same text on every instance", () => {
    expect(first([p("Alpha one. Alpha two."), p("Beta paragraph here."), p("Gamma closes.")]).map((b) => b.id)).toEqual(v1.map((b) => b.id));
    expect(new Set(v1.map((b) => b.id)).size).toBe(3);
  });

  it("survive moves, insertions and edits elsewhere; an edited block keeps its id; new text gets a new one", () => {
    const v2 = carryBlockIds(v1, [p("A new opening."), p("Gamma closes."), p("Alpha one. Alpha two, edited."), p("Beta paragraph here.")]);
    expect(v2[1]!.id).toBe(v1[2]!.id);
    expect(v2[2]!.id).toBe(v1[0]!.id);
    expect(v2[3]!.id).toBe(v1[1]!.id);
    expect(v1.map((b) => b.id)).not.toContain(v2[0]!.id);
  });

  it("give two equal paragraphs two ids, each kept by its nearest copy", () => {
    const twins = first([p("Same words."), p("Between."), p("Same words.")]);
    expect(twins[0]!.id).not.toBe(twins[2]!.id);
    const after = carryBlockIds(twins, [p("Same words."), p("Between."), p("Inserted."), p("Same words.")]);
    expect(after[0]!.id).toBe(twins[0]!.id);
    expect(after[3]!.id).toBe(twins[2]!.id);
  });
});

describe("passages from selections", () => {
  const blocks = first([p("First sentence here. Second one follows, and it goes on for a while before it ends."), p("Next block.")]);

  it("quote the words with their sentence as context, at most 64 characters a side", () => {
    const text = blocks[0]!.text;
    const start = text.indexOf("follows");
    const passage = passageFromSelection(blocks, { startBlock: blocks[0]!.id, startOffset: start - 1, endBlock: blocks[0]!.id, endOffset: start + 7 });
    expect(passage).toMatchObject({ exact: "follows", prefix: "Second one ", suffix: ", and it goes on for a while before it ends.", clipped: false });
    const long = "x".repeat(100) + " word " + "y".repeat(100) + ".";
    expect(quoteBlock(long, 101, 105)).toMatchObject({ exact: "word", prefix: "x".repeat(63) + " " });
    expect((quoteBlock(long, 101, 105) as { suffix: string }).suffix).toHaveLength(64);
  });

  it("across blocks: anchored in the block the selection starts in, up to its end, and said so", () => {
    const passage = passageFromSelection(blocks, { startBlock: blocks[0]!.id, startOffset: 21, endBlock: blocks[1]!.id, endOffset: 4 });
    expect(passage).toMatchObject({ block: blocks[0]!.id, start: 21, end: blocks[0]!.text.length, clipped: true });
  });

  it("refuse an empty, reversed, out-of-range, unknown or over-1,000-character selection", () => {
    const id = blocks[0]!.id;
    expect(passageFromSelection(blocks, { startBlock: id, startOffset: 5, endBlock: id, endOffset: 5 })).toEqual({ problem: "empty" });
    expect(passageFromSelection(blocks, { startBlock: id, startOffset: 5, endBlock: id, endOffset: 500 })).toEqual({ problem: "outside-block" });
    expect(passageFromSelection(blocks, { startBlock: blocks[1]!.id, startOffset: 0, endBlock: id, endOffset: 3 })).toEqual({ problem: "outside-block" });
    expect(passageFromSelection(blocks, { startBlock: "bforged", startOffset: 0, endBlock: id, endOffset: 3 })).toEqual({ problem: "unknown-block" });
    const big = first([p("word ".repeat(300))]);
    expect(passageFromSelection(big, { startBlock: big[0]!.id, startOffset: 0, endBlock: big[0]!.id, endOffset: 1_400 })).toEqual({ problem: "too-long" });
  });
});

describe("re-anchoring", () => {
  const v1 = first([
    p("We need genuine dialogue with people who make us uncomfortable. Later, genuine dialogue fails us."),
    p("The second paragraph says something else entirely."),
    { kind: "code", text: 'if (a < b && c) { return "<mark>"; }\n' },
  ]);

  it("follows the right one of a repeated phrase through an edit before it", () => {
    const later = anchorOn(v1, 0, "genuine dialogue", 1);
    const v2 = carryBlockIds(v1, [p("We need real, genuine dialogue with people who make us uncomfortable. Later, genuine dialogue fails us."), v1[1]!, v1[2]!]);
    const placed = new Reanchorer(v1, v2).place(later);
    expect(placed).toMatchObject({ status: "anchored", block: v1[0]!.id, moved: true });
    expect(placed.status === "anchored" && placed.start).toBe(v2[0]!.text.lastIndexOf("genuine dialogue"));
  });

  it("anchors inside code by its characters", () => {
    const anchor = anchorOn(v1, 2, 'return "<mark>";');
    const v2 = carryBlockIds(v1, [v1[0]!, v1[1]!, { kind: "code", text: 'if (a < b && c) {\n  return "<mark>";\n}\n' }]);
    expect(new Reanchorer(v1, v2).place(anchor)).toMatchObject({ status: "anchored", block: v1[2]!.id, start: 20, end: 36 });
  });

  it("marks a passage whose words were edited as changed, where its words now are", () => {
    const anchor = anchorOn(v1, 1, "says something else");
    const v2 = carryBlockIds(v1, [v1[0]!, p("The second paragraph says nothing else entirely."), v1[2]!]);
    expect(new Reanchorer(v1, v2).place(anchor)).toMatchObject({ status: "changed", block: v1[1]!.id });
  });

  it("finds a passage whose block is gone in another block only when it is clearly there", () => {
    const anchor = anchorOn(v1, 1, "says something else");
    const merged = carryBlockIds(v1, [p(`${v1[0]!.text} The second paragraph says something else entirely.`), v1[2]!]);
    const placed = new Reanchorer(v1, merged).place(anchor);
    expect(placed).toMatchObject({ status: "anchored", block: merged[0]!.id });
    const gone = carryBlockIds(v1, [v1[0]!, v1[2]!]);
    expect(new Reanchorer(v1, gone).place(anchor)).toEqual({ status: "orphaned", near: v1[0]!.id });
  });

  it("orphans rather than guesses between two equally good places", () => {
    const v = first([p("Alpha."), p("Say it twice and mean it.")]);
    const anchor = anchorOn(v, 1, "Say it twice and mean it.");
    // The paragraph is gone; two headings now hold words alike, neither clearly the one.
    const v2 = carryBlockIds(v, [
      p("Alpha."),
      { kind: "heading", text: "Say it twice and mean it!" },
      { kind: "heading", text: "Say it twice and mean it?" },
    ]);
    expect(new Reanchorer(v, v2).place(anchor)).toMatchObject({ status: "orphaned" });
  });

  it("refuses an anchor whose quote is not the text of its revision", () => {
    const forged = { ...anchorOn(v1, 1, "something"), exact: "nothing" };
    expect(new Reanchorer(v1, v1).place(forged)).toEqual({ status: "orphaned", near: null });
  });
});

describe("block ids on the page", () => {
  it("are stamped on the same blocks, in the same order, as the revision reads them", async () => {
    const { unified } = await import("unified");
    const { default: remarkParse } = await import("remark-parse");
    const { default: remarkRehype } = await import("remark-rehype");
    const { toString } = await import("hast-util-to-string");
    const { visit } = await import("unist-util-visit");
    const { essayRemarkPlugins } = await import("@/lib/markdown/essay-pipeline");
    const { rehypeBlockIds } = await import("@/lib/anchors/essay-blocks");
    const markdown = "## Head\n\nOne.\n\n1. first\n2. second\n\n> quoted\n\n```\ncode\n```\n";
    const blocks = first(essayBlocks(markdown));
    const processor = unified().use(remarkParse).use(essayRemarkPlugins).use(remarkRehype).use(rehypeBlockIds, { ids: blocks.map((b) => b.id) });
    const tree = processor.runSync(processor.parse(markdown));
    const stamped: { id: string; text: string }[] = [];
    visit(tree, "element", (node: import("hast").Element) => {
      if (typeof node.properties.dataBlock === "string") stamped.push({ id: node.properties.dataBlock, text: toString(node) });
    });
    expect(stamped).toEqual(blocks.map(({ id, text }) => ({ id, text })));
  });
});

describe("passage marks on the page", () => {
  it("wrap each anchored range in <mark> without changing the block's text, and add 'N responses' (and any to earlier versions) after the block", async () => {
    const { unified } = await import("unified");
    const { default: remarkParse } = await import("remark-parse");
    const { default: remarkRehype } = await import("remark-rehype");
    const { default: rehypeStringify } = await import("rehype-stringify");
    const { essayRemarkPlugins } = await import("@/lib/markdown/essay-pipeline");
    const { rehypeBlockIds } = await import("@/lib/anchors/essay-blocks");
    const { rehypePassageMarks } = await import("@/lib/anchors/rehype-passage-marks");
    const markdown = "Force *ends* the conversation.\n\n1. an item here\n";
    const blocks = first(essayBlocks(markdown));
    const [para, item] = blocks as [Block, Block];
    const html = String(
      await unified()
        .use(remarkParse)
        .use(essayRemarkPlugins)
        .use(remarkRehype)
        .use(rehypeBlockIds, { ids: blocks.map((b) => b.id) })
        .use(rehypePassageMarks, {
          blocks: [
            // Two overlapping passages across the <em>: "Force ends" and "ends the".
            { blockId: para.id, ranges: [[0, 10], [6, 14]], count: 3, firstCommentId: 7 },
            { blockId: item.id, ranges: [[3, 7]], count: 1, firstCommentId: 9, earlier: { count: 2, firstCommentId: 4 } },
          ],
        })
        .use(rehypeStringify)
        .process(markdown),
    );
    expect(html).toBe(
      `<p data-block="${para.id}" id="p-${para.id}"><mark class="passage-mark" data-shade="1">Force </mark><em><mark class="passage-mark" data-shade="2">ends</mark></em><mark class="passage-mark" data-shade="1"> the</mark> conversation.</p>` +
        `<p class="passage-responses" data-passage-meta=""><a href="/comments/7" class="passage-responses-link">3 responses</a></p>\n` +
        `<ol>\n<li data-block="${item.id}" id="p-${item.id}">an <mark class="passage-mark" data-shade="1">item</mark> here<span class="passage-responses" data-passage-meta=""> <a href="/comments/9" class="passage-responses-link">1 response</a> · <a href="/comments/4" class="passage-responses-link">2 responses to earlier versions</a></span></li>\n</ol>`,
    );
  });
});
