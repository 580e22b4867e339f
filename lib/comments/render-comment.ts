import "server-only";
import { Worker } from "node:worker_threads";
import { inRunningServer } from "@/lib/runtime/running-server";
import { createMarkdownThread, type MarkdownThread } from "./markdown-thread";
import { renderCommentMarkdown } from "./render-markdown";

// Where a posted or edited comment's Markdown is rendered: on the render thread in a running
// server (next start), inline elsewhere (next dev, tests, scripts), where a thread buys nothing.
// See ./markdown-thread.ts and docs/decisions/017-comment-posting-off-the-main-thread.md.

// One per process, whichever bundled copy of this module asks first (Turbopack may load it
// more than once: decision 015).
const holder = globalThis as typeof globalThis & { commentMarkdownThread?: MarkdownThread };

function markdownThread(): MarkdownThread {
  return (holder.commentMarkdownThread ??= createMarkdownThread(
    // This exact form is what the bundler follows: it builds the worker's own entry.
    () => new Worker(new URL("./markdown-worker.ts", import.meta.url)),
    (reason) => console.warn(`${reason}; comments are rendered on the main thread from now on.`),
  ));
}

/**
 * Starts the render thread in a running server, from instrumentation.ts: `next start` loads the
 * comment routes on their first request, and a thread started then is not ready (loaded, warmed
 * up) for the first comments, which would render on a cold main thread.
 */
export function startCommentRenderThread(): void {
  if (inRunningServer) markdownThread().start();
}

/** A comment's Markdown as sanitized HTML (renderCommentMarkdown), without holding up other requests. */
export function renderCommentHtml(markdown: string): Promise<string> {
  return inRunningServer ? markdownThread().render(markdown) : Promise.resolve(renderCommentMarkdown(markdown));
}
