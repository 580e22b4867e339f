// The render thread's own code (see ./markdown-thread.ts): it renders comment Markdown with the
// same renderer, the same sanitizer, as the main thread would. Messages in: { id, markdown };
// out: { id, html } or { id, error }. It warms its renderer up first, then says { ready: true }.
import { parentPort } from "node:worker_threads";
import { warmUpMarkdownRenderer } from "./markdown-sample";
import { renderCommentMarkdown } from "./render-markdown";

type Job = { id: number; markdown: string };

const port = parentPort;
if (!port) throw new Error("lib/comments/markdown-worker.ts runs as a worker thread (./markdown-thread.ts starts it)");
port.on("message", ({ id, markdown }: Job) => {
  try {
    port.postMessage({ id, html: renderCommentMarkdown(markdown) });
  } catch (error) {
    port.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});
warmUpMarkdownRenderer();
port.postMessage({ ready: true });
