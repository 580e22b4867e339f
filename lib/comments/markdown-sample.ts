import { renderCommentMarkdown } from "./render-markdown";

// V8 compiles a function on its first call and optimises it only after many; the Markdown
// pipeline (micromark, mdast, hast, the sanitizer) is large, and a fresh server rendered its
// first comments several times slower than later ones. Whoever renders comments in production
// (the render thread, ./markdown-thread.ts) runs this once before its first real comment.

/** Every construct comment Markdown offers, so each tokenizer and handler runs at least once. */
const SAMPLE = [
  "A *short* comment with **strong** words, `code`, a [link](https://example.org/a?b=c) and https://example.org/bare.",
  "",
  "> A quotation, *emphasised*,",
  "> over two lines.",
  "",
  "1. First",
  "2. Second with `code`",
  "",
  "- One",
  "- Two, see <https://example.org>",
  "",
  "```",
  "const fenced = true;",
  "```",
  "",
  "    indented code",
  "",
  "Line one  ",
  "line two & <b>not html</b> # not a heading",
].join("\n");

// Enough rounds for V8 to optimise the tokenizer's hot loops (tens of ms, once).
const RENDER_ROUNDS = 60;

export function warmUpMarkdownRenderer(): void {
  for (let i = 0; i < RENDER_ROUNDS; i++) renderCommentMarkdown(`${SAMPLE}\n\n(${i})`);
}
