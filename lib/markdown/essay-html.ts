import rehypeStringify from "rehype-stringify";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import remarkRehype from "remark-rehype";
import { unified } from "unified";
import type { Root } from "mdast";
import { remove } from "unist-util-remove";
import type { Essay } from "@/lib/content/essays";
import { env } from "@/env.js";
import { essayRehypePlugins, essayRemarkPlugins } from "./essay-pipeline";
import { rehypeAbsoluteUrls } from "./rehype-essay-plugins";

/**
 * Feed readers get plain HTML: MDX's imports and expressions are dropped, its
 * components keep their children. Same remark/rehype steps as the page.
 */
function remarkStripMdx() {
  return (tree: Root) => {
    remove(tree, (node) => ["mdxjsEsm", "mdxFlowExpression", "mdxTextExpression"].includes(node.type));
    const unwrap = (node: { children?: unknown[] }) => {
      if (!node.children) return;
      node.children = node.children.flatMap((child) => {
        const c = child as { type: string; children?: unknown[] };
        unwrap(c);
        return c.type === "mdxJsxFlowElement" || c.type === "mdxJsxTextElement" ? (c.children ?? []) : [c];
      });
    };
    unwrap(tree as { children?: unknown[] });
  };
}

const cache = new Map<string, Promise<string>>();

/** An essay's body as an HTML string, for feeds. Cached per process: feeds ask often. */
export function essayHtml(essay: Essay): Promise<string> {
  const key = `${essay.file}:${essay.body.length}`;
  let html = cache.get(key);
  if (!html) {
    const processor = unified()
      .use(remarkParse)
      .use(essay.format === "mdx" ? [remarkMdx, remarkStripMdx] : [])
      .use(essayRemarkPlugins)
      .use(remarkRehype)
      .use(essayRehypePlugins({ inlineColors: true }))
      .use(rehypeAbsoluteUrls, { base: env.SITE_URL })
      .use(rehypeStringify);
    html = processor.process(essay.body).then(String);
    cache.set(key, html);
  }
  return html;
}
