// Choosing a passage without JavaScript (issue 15): a paragraph's sentences, the range of the ticked
// ones, the respond page's address, and the "Respond" links the essay page gains after its blocks.
import type { Element, Root } from "hast";
import rehypeStringify from "rehype-stringify";
import { unified } from "unified";
import { describe, expect, it } from "vitest";
import { respondHref } from "@/lib/anchors/respond-href";
import { rehypePassageMarks } from "@/lib/anchors/rehype-passage-marks";
import { rehypeRespondLinks } from "@/lib/anchors/rehype-respond-links";
import { rangeOfSentences, sentencesOf } from "@/lib/anchors/sentences";

const toHtml = (tree: Root) => unified().use(rehypeStringify).stringify(tree);

describe("a paragraph's sentences", () => {
  const text = "See where I’m heading with this? We’re so used to it. “Quoted,” she said!  Last one";

  it("splits at sentence ends, without the space after each", () => {
    expect(sentencesOf(text).map((sentence) => sentence.text)).toEqual(["See where I’m heading with this?", "We’re so used to it.", "“Quoted,” she said!", "Last one"]);
    for (const sentence of sentencesOf(text)) expect(text.slice(sentence.start, sentence.end)).toBe(sentence.text);
  });

  it("splits a code block into its lines", () => {
    expect(sentencesOf("let a = 1. b\nreturn a;\n", "code").map((line) => line.text)).toEqual(["let a = 1. b", "return a;"]);
  });

  it("runs from the first ticked sentence to the last, whatever lies between", () => {
    const sentences = sentencesOf(text);
    expect(rangeOfSentences(sentences, [3, 1])).toEqual({ start: sentences[1]!.start, end: sentences[3]!.end });
    expect(text.slice(rangeOfSentences(sentences, [2])!.start, rangeOfSentences(sentences, [2])!.end)).toBe("“Quoted,” she said!");
  });

  it("finds no passage in ticks that are not the paragraph's sentences", () => {
    expect(rangeOfSentences(sentencesOf(text), [])).toBeNull();
    expect(rangeOfSentences(sentencesOf(text), [-1, 4, 1.5])).toBeNull();
  });
});

describe("the respond page's address", () => {
  it("carries the block, and the selection or the ticked sentences", () => {
    expect(respondHref("/a/01/02/essay", { block: "b1" })).toBe("/a/01/02/essay/respond?block=b1");
    expect(respondHref("/a/01/02/essay", { block: "b1", revision: "rX", start: 3, end: 9, endBlock: "b2" })).toBe("/a/01/02/essay/respond?block=b1&revision=rX&start=3&end=9&endBlock=b2");
    expect(respondHref("/a/01/02/essay", { block: "b1", endBlock: "b1", sentences: [0, 2, -1] })).toBe("/a/01/02/essay/respond?block=b1&s=0&s=2");
  });
});

const element = (tagName: string, properties: Element["properties"], text: string): Element => ({ type: "element", tagName, properties, children: [{ type: "text", value: text }] });

function page(): Root {
  return {
    type: "root",
    children: [
      element("h2", { dataBlock: "b0", id: "start" }, "A heading"),
      element("p", { dataBlock: "b1" }, "First paragraph. Second sentence."),
      { type: "element", tagName: "ol", properties: {}, children: [element("li", { dataBlock: "b2" }, "An item")] },
      element("p", { dataBlock: "b3" }, "Answered paragraph."),
    ],
  };
}

describe("the essay's Respond links", () => {
  const href = (block: string) => `/essay/respond?block=${block}`;

  it("follow every block but headings, outside the blocks' own text", () => {
    const tree = page();
    rehypeRespondLinks({ href })(tree);
    const html = toHtml(tree);
    expect(html).not.toContain("block=b0");
    expect(html).toContain('<p data-block="b1">First paragraph. Second sentence.</p><p class="passage-respond-line" data-passage-meta=""><a href="/essay/respond?block=b1">Respond</a></p>');
    expect(html).toContain('<li data-block="b2">An item<span class="passage-respond-line" data-passage-meta=""> <a href="/essay/respond?block=b2">Respond</a></span></li>');
  });

  it("join a block's “N responses” line, hidden with the toggle", () => {
    const tree = page();
    rehypePassageMarks({ blocks: [{ blockId: "b3", count: 2, firstCommentId: 7, ranges: [[0, 8]] }] as never })(tree);
    rehypeRespondLinks({ href })(tree);
    const html = toHtml(tree);
    expect(html).toContain('<a href="/comments/7" class="passage-responses-link">2 responses</a><span class="passage-respond"> · <a href="/essay/respond?block=b3">Respond</a></span></p>');
    expect(html.match(/block=b3/g)).toHaveLength(1);
  });

  it("follow a block that has only responses to earlier versions, with no “0 responses”", () => {
    const tree = page();
    rehypePassageMarks({ blocks: [{ blockId: "b1", count: 0, firstCommentId: 5, ranges: [], earlier: { count: 1, firstCommentId: 5 } }] })(tree);
    rehypeRespondLinks({ href })(tree);
    const html = toHtml(tree);
    expect(html).toContain('<p class="passage-responses" data-passage-meta=""><a href="/comments/5" class="passage-responses-link">1 response to an earlier version</a><span class="passage-respond"> · <a href="/essay/respond?block=b1">Respond</a></span></p>');
    expect(html).not.toContain("0 responses");
  });
});
