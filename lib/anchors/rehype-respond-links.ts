// A "Respond" link after each block of the essay (issue 15): the way to respond to a passage without
// JavaScript (or without a pointer). Each opens the block's respond page, where the reader ticks the
// sentences. Hidden until the reader turns on the passages toggle (CSS, app/globals.css), so the
// essay reads clean and the keyboard does not pass a hundred links on the way to the comments.
// Runs after rehypePassageMarks: a block with responses gets the link in its "N responses" line.
import type { Element, Parent, Root } from "hast";

const linkTo = (href: string): Element => ({
  type: "element",
  tagName: "a",
  properties: { href },
  children: [{ type: "text", value: "Respond" }],
});

const isNote = (node: Parent["children"][number] | undefined): node is Element =>
  node?.type === "element" && node.properties.dataPassageMeta !== undefined;

export function rehypeRespondLinks(options: { href: (blockId: string) => string }) {
  return (tree: Root) => {
    const visit = (parent: Parent) => {
      for (let index = 0; index < parent.children.length; index += 1) {
        const node = parent.children[index]!;
        if (node.type !== "element") continue;
        const id = node.properties.dataBlock;
        if (typeof id !== "string") {
          visit(node);
          continue;
        }
        // Headings are where a section starts, not a claim to answer.
        if (/^h[1-6]$/.test(node.tagName)) continue;
        const link = linkTo(options.href(id));
        // In an "N responses" line: " · Respond", hidden together until the toggle is on.
        const inNote: Element = { type: "element", tagName: "span", properties: { className: ["passage-respond"] }, children: [{ type: "text", value: " · " }, link] };
        if (node.tagName === "li") {
          const note = node.children.find(isNote);
          if (note) note.children.push(inNote);
          else node.children.push({ type: "element", tagName: "span", properties: { className: ["passage-respond-line"], dataPassageMeta: "" }, children: [{ type: "text", value: " " }, link] });
          continue;
        }
        const next = parent.children[index + 1];
        if (isNote(next)) {
          next.children.push(inNote);
          index += 1;
          continue;
        }
        parent.children.splice(index + 1, 0, { type: "element", tagName: "p", properties: { className: ["passage-respond-line"], dataPassageMeta: "" }, children: [link] });
        index += 1;
      }
    };
    visit(tree);
  };
}
