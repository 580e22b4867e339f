import rehypeShiki from "@shikijs/rehype";
import rehypeSlug from "rehype-slug";
import remarkGfm from "remark-gfm";
import remarkSmartypants from "remark-smartypants";
import type { PluggableList } from "unified";
import { env } from "@/env.js";
import {
  rehypeCollectHeadings,
  rehypeHeadingAnchors,
  rehypeExternalLinks,
  rehypeTaskListLabels,
  type Heading,
} from "./rehype-essay-plugins";

/** Markdown → typographic Markdown: GFM (tables, footnotes, task lists) and real quotes and dashes. */
export const essayRemarkPlugins: PluggableList = [remarkGfm, remarkSmartypants];

/**
 * Markdown AST → HTML AST, shared by the essay page and the feeds so both read the same.
 * Code is highlighted here, at build time: the page ships no highlighter.
 * `themes` gives light and dark colours as CSS variables; feeds ask for inline light colours.
 */
export function essayRehypePlugins(options: { headings?: Heading[]; inlineColors?: boolean } = {}): PluggableList {
  return [
    rehypeSlug,
    ...(options.headings ? [[rehypeCollectHeadings, { into: options.headings }] as const] : []),
    rehypeHeadingAnchors,
    [rehypeExternalLinks, { siteOrigin: new URL(env.SITE_URL).origin }],
    rehypeTaskListLabels,
    [
      rehypeShiki,
      {
        // Load only the languages essays use, when first met: loading all of Shiki's bundled
        // languages up front took ~11 s per process (every build worker, every feed's first request).
        langs: [],
        lazy: true,
        fallbackLanguage: "text",
        ...(options.inlineColors
          ? { theme: "github-light" }
          : { themes: { light: "github-light", dark: "github-dark" }, defaultColor: false }),
      },
    ],
  ] as PluggableList;
}
