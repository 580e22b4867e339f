// The blocks of an essay as readers see them: the rendered text (real quotes and dashes, as
// remark-smartypants makes them) of each paragraph, heading, list item, blockquote paragraph and
// code block, in reading order. Anchors quote this text, so it is taken from the same Markdown →
// HTML steps as the page (essayRemarkPlugins), not from the Markdown source.
import type { Element, Root as HastRoot } from "hast";
import { toString } from "hast-util-to-string";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import { visitParents } from "unist-util-visit-parents";
import { essayRemarkPlugins } from "@/lib/markdown/essay-pipeline";
import type { BlockKind, BlockText } from "./block-ids";
import { blockAnchor } from "./respond-href";

const HEADING = /^h[1-6]$/;
const BLOCK_CHILDREN = new Set(["p", "ul", "ol", "pre", "blockquote", "table", "h1", "h2", "h3", "h4", "h5", "h6"]);

function kindOf(node: Element, ancestors: readonly unknown[]): BlockKind | null {
  const inside = (tag: string) => ancestors.some((a) => (a as Element).type === "element" && (a as Element).tagName === tag);
  if (HEADING.test(node.tagName)) return "heading";
  if (node.tagName === "pre") return "code";
  if (node.tagName === "p") return inside("blockquote") ? "blockquote" : inside("li") ? "list-item" : "paragraph";
  // A tight list item holds its text directly, with no paragraph of its own.
  if (node.tagName === "li" && !node.children.some((child) => child.type === "element" && BLOCK_CHILDREN.has(child.tagName))) return "list-item";
  return null;
}

/** Calls `each` for every block element of an HTML tree, in reading order. */
export function visitBlocks(tree: HastRoot, each: (node: Element, block: BlockText) => void): void {
  visitParents(tree, "element", (node: Element, ancestors) => {
    const kind = kindOf(node, ancestors);
    if (!kind) return;
    const text = toString(node);
    if (text.trim() === "") return "skip";
    each(node, { kind, text });
    return "skip";
  });
}

/** The blocks of an essay's Markdown (or MDX) body. */
export function essayBlocks(markdown: string, format: "md" | "mdx" = "md"): BlockText[] {
  const processor = unified()
    .use(remarkParse)
    .use(format === "mdx" ? [remarkMdx] : [])
    .use(essayRemarkPlugins)
    .use(remarkRehype);
  const tree = processor.runSync(processor.parse(markdown)) as HastRoot;
  const blocks: BlockText[] = [];
  visitBlocks(tree, (_node, block) => blocks.push(block));
  return blocks;
}

/**
 * Stamps each block of the page with its id (`data-block`), in the same order essayBlocks() reads
 * them, so a reader's selection names the block the server stored. Runs before the plugins that
 * add to headings. When the counts differ (it would be a bug), nothing is stamped: no passage can
 * then be chosen on the page, and no block is named wrongly.
 */
export function rehypeBlockIds(options: { ids: readonly string[] }) {
  return (tree: HastRoot) => {
    const nodes: Element[] = [];
    visitBlocks(tree, (node) => nodes.push(node));
    if (nodes.length !== options.ids.length) {
      console.warn(`[passages] the page has ${nodes.length} blocks where its revision has ${options.ids.length}; passages cannot be chosen on it.`);
      return;
    }
    nodes.forEach((node, index) => {
      const id = options.ids[index]!;
      node.properties.dataBlock = id;
      // An address for the block, which a passage's permalink opens at; a heading keeps its own.
      node.properties.id ??= blockAnchor(id);
    });
  };
}
