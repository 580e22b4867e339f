import type { Element, Root as HastRoot } from "hast";
import { gfmAutolinkLiteralFromMarkdown } from "mdast-util-gfm-autolink-literal";
import { gfmAutolinkLiteral } from "micromark-extension-gfm-autolink-literal";
import rehypeSanitize, { type Options as SanitizeSchema } from "rehype-sanitize";
import rehypeStringify from "rehype-stringify";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified, type Processor } from "unified";
import { visit } from "unist-util-visit";

/**
 * Comment Markdown, in named steps:
 *  1. parse a subset: constructs we do not offer (raw HTML, images, headings, rules,
 *     link definitions) are switched off in the parser, so what a reader typed for
 *     them stays visible as text instead of vanishing;
 *  2. bare URLs become links (GFM autolink literals, nothing else of GFM);
 *  3. sanitize with an allow-list of elements, attributes and URL schemes;
 *  4. every link gets rel="nofollow ugc noopener".
 * Bump RENDERER_VERSION when the output changes, so stored HTML can be re-rendered.
 */
export const RENDERER_VERSION = 1;

const DISABLED_CONSTRUCTS = ["htmlFlow", "htmlText", "labelStartImage", "headingAtx", "setextUnderline", "thematicBreak", "definition"];

function remarkCommentSubset(this: Processor) {
  const data = this.data() as { micromarkExtensions?: unknown[]; fromMarkdownExtensions?: unknown[] };
  (data.micromarkExtensions ??= []).push({ disable: { null: DISABLED_CONSTRUCTS } }, gfmAutolinkLiteral());
  (data.fromMarkdownExtensions ??= []).push(gfmAutolinkLiteralFromMarkdown());
}

export const commentSanitizeSchema: SanitizeSchema = {
  tagNames: ["p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "ol", "li", "a"],
  attributes: { a: ["href"], ol: ["start"] },
  protocols: { href: ["http", "https", "mailto"] },
  strip: ["script", "style"],
  clobberPrefix: "",
  ancestors: { li: ["ol", "ul"] },
};

function rehypeUgcLinks() {
  return (tree: HastRoot) => {
    visit(tree, "element", (node: Element) => {
      if (node.tagName === "a") node.properties.rel = ["nofollow", "ugc", "noopener"];
    });
  };
}

const processor = unified()
  .use(remarkParse)
  .use(remarkCommentSubset)
  .use(remarkRehype)
  .use(rehypeSanitize, commentSanitizeSchema)
  .use(rehypeUgcLinks)
  .use(rehypeStringify);

/** A comment's Markdown as sanitized HTML, ready to store and to show. */
export function renderCommentMarkdown(markdown: string): string {
  return String(processor.processSync(markdown)).trim();
}
