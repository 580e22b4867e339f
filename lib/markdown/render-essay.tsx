import { compileMDX } from "next-mdx-remote/rsc";
import type { ReactElement } from "react";
import type { Essay } from "@/lib/content/essays";
import { essayRehypePlugins, essayRemarkPlugins } from "./essay-pipeline";
import type { Heading } from "./rehype-essay-plugins";

export type RenderedEssay = { content: ReactElement; headings: Heading[] };

/**
 * Compiles an essay on the server. Essays are trusted (they come from the repository),
 * but JavaScript expressions stay blocked (next-mdx-remote's default): components take
 * string props only, so an essay cannot run code at build time. See docs/decisions.
 */
export async function renderEssay(essay: Essay): Promise<RenderedEssay> {
  const headings: Heading[] = [];
  const { content } = await compileMDX({
    source: essay.body,
    options: {
      mdxOptions: {
        format: essay.format,
        remarkPlugins: essayRemarkPlugins,
        rehypePlugins: essayRehypePlugins({ headings }),
      },
    },
  });
  return { content, headings };
}
