import { compileMDX } from "next-mdx-remote/rsc";
import type { ReactElement } from "react";
import type { Pluggable } from "unified";
import type { BlockPassages } from "@/db/queries/passages";
import { rehypeBlockIds } from "@/lib/anchors/essay-blocks";
import { rehypePassageMarks } from "@/lib/anchors/rehype-passage-marks";
import { rehypeRespondLinks } from "@/lib/anchors/rehype-respond-links";
import { respondHref } from "@/lib/anchors/respond-href";
import type { Essay } from "@/lib/content/essays";
import { essayRehypePlugins, essayRemarkPlugins } from "./essay-pipeline";
import type { Heading } from "./rehype-essay-plugins";

export type RenderedEssay = { content: ReactElement; headings: Heading[] };

/**
 * Compiles an essay on the server. Essays are trusted (they come from the repository),
 * but JavaScript expressions stay blocked (next-mdx-remote's default): components take
 * string props only, so an essay cannot run code at build time. See docs/decisions.
 */
/** `respondLinks`: a "Respond" link after each block (issue 15), where the essay takes comments. */
export function renderEssay(essay: Essay, blockIds: readonly string[] = [], passages: readonly BlockPassages[] = [], respondLinks = false): Promise<RenderedEssay> {
  // A comment re-renders its essay's page (docs/decisions/009): compiling the MDX again (parse,
  // plugins, Shiki) took ~60 ms of that. The compiled tree is a plain description, safe to reuse.
  const cached = compiled.get(essay.path);
  const ids = `${blockIds.join(" ")}\n${JSON.stringify(passages)}\n${respondLinks}`;
  if (cached && cached.body === essay.body && cached.ids === ids) {
    compiled.delete(essay.path);
    compiled.set(essay.path, cached);
    return cached.rendered;
  }
  const rendered = compileEssay(essay, blockIds, passages, respondLinks);
  compiled.set(essay.path, { body: essay.body, ids, rendered });
  if (compiled.size > MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
  // A failed compile is not kept: the next render tries again and reports the error itself.
  rendered.catch(() => {
    if (compiled.get(essay.path)?.rendered === rendered) compiled.delete(essay.path);
  });
  return rendered;
}

/** Least recently used first (Map keeps insertion order). Bounded: a site with 1,000 essays stays small. */
const compiled = new Map<string, { body: string; ids: string; rendered: Promise<RenderedEssay> }>();
const MAX_COMPILED = 64;

async function compileEssay(essay: Essay, blockIds: readonly string[], passages: readonly BlockPassages[], respondLinks: boolean): Promise<RenderedEssay> {
  const headings: Heading[] = [];
  const { content } = await compileMDX({
    source: essay.body,
    options: {
      mdxOptions: {
        format: essay.format,
        remarkPlugins: essayRemarkPlugins,
        // Block ids and passage marks last: Shiki replaces each <pre> whole, and the "#" link a
        // heading gains comes after its text, so the blocks' count, order and offsets still hold.
        rehypePlugins: [
          ...essayRehypePlugins({ headings }),
          ...(blockIds.length > 0 ? [[rehypeBlockIds, { ids: blockIds }] satisfies Pluggable] : []),
          ...(passages.length > 0 ? [[rehypePassageMarks, { blocks: passages }] satisfies Pluggable] : []),
          ...(respondLinks && blockIds.length > 0 ? [[rehypeRespondLinks, { href: (block: string) => respondHref(essay.path, { block }) }] satisfies Pluggable] : []),
        ],
      },
    },
  });
  return { content, headings };
}
