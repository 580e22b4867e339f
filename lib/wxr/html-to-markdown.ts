// WordPress comment HTML → the comment Markdown subset (lib/comments/render-markdown.ts), so an
// imported comment is stored the way a reader's own is: Markdown source, HTML rendered and
// sanitized from it. Safety does not rest on this file (the renderer sanitizes whatever comes
// out); its job is fidelity. The unified family the renderer already uses does the work:
// rehype-parse (an HTML5 parser: unclosed and stray tags, every character reference) →
// lib/wxr/wordpress-hast.ts (the subset, and wpautop's paragraphs and line breaks) →
// rehype-remark → remark-stringify, which escapes whatever Markdown would read as syntax.
import type { Parents, Strong } from "mdast";
import type { Info, State } from "mdast-util-to-markdown";
import rehypeParse from "rehype-parse";
import rehypeRemark from "rehype-remark";
import remarkStringify from "remark-stringify";
import { unified } from "unified";
import { rehypeWordpressComment } from "./wordpress-hast";

const processor = unified()
  .use(rehypeParse, { fragment: true })
  .use(rehypeWordpressComment)
  .use(rehypeRemark)
  .use(remarkStringify, { bullet: "-", emphasis: "*", strong: "*", fences: true, listItemIndent: "one", handlers: { strong: starStrong } });

/**
 * Strong is always `**…**`. The stock handler switches to `__` inside `*emphasis*` to stay clear
 * of `***`, which CommonMark reads correctly anyway (`*open **both***`), and `__` inside a word is no emphasis.
 */
function starStrong(node: Strong, _parent: Parents | undefined, state: State, info: Info): string {
  const exit = state.enter("strong");
  const tracker = state.createTracker(info);
  let value = tracker.move("**");
  value += tracker.move(state.containerPhrasing(node, { before: value, after: "*", ...tracker.current() }));
  value += tracker.move("**");
  exit();
  return value;
}

/** WordPress comment HTML as comment Markdown (empty string when nothing readable is left). */
export function wordpressHtmlToMarkdown(html: string): string {
  const clean = html.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
  try {
    return String(processor.processSync(clean)).trim();
  } catch (error) {
    // The HTML-to-tree step recurses once per nesting level: a few thousand unclosed tags
    // exhaust the stack before the tree can be flattened. Such a comment keeps its words.
    if (!(error instanceof RangeError)) throw error;
    return String(processor.processSync(clean.replace(/<[^>]*>?/g, " "))).trim();
  }
}
