// Marks, in the essay's HTML, the passages readers responded to (issue 15, decision 045): each
// anchored range is wrapped in <mark> (split where it crosses inline elements, so the text and its
// offsets stay the block's own), and a link "N responses" follows each block with responses. Server
// side, in the static page: readable without JavaScript. Shading is off until the reader turns it
// on (the toggle is CSS, app/globals.css).
import type { Element, ElementContent, Parent, Root, Text } from "hast";
import type { BlockPassages } from "@/db/queries/passages";

const SHADES = 3;

export function rehypePassageMarks(options: { blocks: readonly BlockPassages[] }) {
  const byId = new Map(options.blocks.map((block) => [block.blockId, block]));
  return (tree: Root) => {
    if (byId.size === 0) return;
    walk(tree, (node, parent, index) => {
      const id = node.properties.dataBlock;
      const passages = typeof id === "string" ? byId.get(id) : undefined;
      if (!passages) return 0;
      const depth = overlapDepth(passages.ranges);
      markRanges(node, passages.ranges, depth);
      // "N responses" to its passages as they are, then any "to earlier versions" (orphans placed here).
      const links: ElementContent[] = [];
      if (passages.count > 0) links.push(responsesLink(passages.firstCommentId, `${passages.count} ${passages.count === 1 ? "response" : "responses"}`));
      if (passages.earlier) {
        const { count, firstCommentId } = passages.earlier;
        if (links.length > 0) links.push({ type: "text", value: " · " });
        links.push(responsesLink(firstCommentId, count === 1 ? "1 response to an earlier version" : `${count} responses to earlier versions`));
      }
      // After the block: a paragraph of its own; inside a list item, the item's own end (an <ol>
      // holds only items). Either way outside the block's text, which the passages' offsets count.
      if (node.tagName === "li") {
        node.children.push({ type: "element", tagName: "span", properties: { className: ["passage-responses"], dataPassageMeta: "" }, children: [{ type: "text", value: " " }, ...links] });
        return 0;
      }
      const note: Element = { type: "element", tagName: "p", properties: { className: ["passage-responses"], dataPassageMeta: "" }, children: links };
      parent.children.splice(index + 1, 0, note);
      return 1;
    });
  };
}

const responsesLink = (commentId: number, text: string): Element => ({
  type: "element",
  tagName: "a",
  properties: { href: `/comments/${commentId}`, className: ["passage-responses-link"] },
  children: [{ type: "text", value: text }],
});

/** Visits every element carrying data-block; `visit` answers how many nodes it inserted after it. */
function walk(parent: Parent, visit: (node: Element, parent: Parent, index: number) => number): void {
  for (let index = 0; index < parent.children.length; index += 1) {
    const child = parent.children[index]!;
    if (child.type !== "element") continue;
    if (child.properties.dataBlock !== undefined) index += visit(child, parent, index);
    else walk(child, visit);
  }
}

/** For each character offset boundary, how many ranges cover the text between it and the next. */
function overlapDepth(ranges: readonly [number, number][]): (offset: number) => number {
  return (offset) => ranges.filter(([start, end]) => start <= offset && offset < end).length;
}

/** Wraps the text of `ranges` (offsets into the block's text) in <mark>, one per text node and depth run. */
function markRanges(block: Element, ranges: readonly [number, number][], depth: (offset: number) => number): void {
  if (ranges.length === 0) return;
  const cuts = new Set<number>();
  for (const [start, end] of ranges) {
    cuts.add(start);
    cuts.add(end);
  }
  let offset = 0;
  const visitChildren = (node: Element) => {
    const out: ElementContent[] = [];
    for (const child of node.children) {
      if (child.type === "text") {
        out.push(...splitText(child, offset, cuts, depth));
        offset += child.value.length;
      } else if (child.type === "element") {
        visitChildren(child);
        out.push(child);
      } else out.push(child);
    }
    node.children = out;
  };
  visitChildren(block);
}

function splitText(text: Text, at: number, cuts: Set<number>, depth: (offset: number) => number): ElementContent[] {
  const bounds = [0, ...[...cuts].map((cut) => cut - at).filter((cut) => cut > 0 && cut < text.value.length).sort((a, b) => a - b), text.value.length];
  const out: ElementContent[] = [];
  for (let i = 0; i + 1 < bounds.length; i += 1) {
    const value = text.value.slice(bounds[i], bounds[i + 1]);
    const covered = depth(at + bounds[i]!);
    out.push(
      covered === 0
        ? { type: "text", value }
        : { type: "element", tagName: "mark", properties: { className: ["passage-mark"], dataShade: String(Math.min(covered, SHADES)) }, children: [{ type: "text", value }] },
    );
  }
  return out;
}
