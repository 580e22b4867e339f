import { Worker } from "node:worker_threads";
import { renderCommentMarkdown } from "./render-markdown";

// Rendering a comment's Markdown is the largest piece of CPU in posting one (≈ 1 ms of ≈ 5;
// docs/decisions/017-comment-posting-off-the-main-thread.md). On the main thread it makes
// every other request in flight wait; on a thread of its own it runs beside them, on the
// other core. One worker, started on first use and kept (unref'd: it never holds the process
// open). Until it says it is ready (loaded, its renderer warmed up) comments render on the
// calling thread as before, so nobody waits for it. If it cannot start or dies, what was sent
// to it and everything after is rendered on the calling thread instead: slower, never lost.

type Reply = { ready: true } | { id: number; html?: string; error?: string };
type Pending = { markdown: string; resolve: (html: string) => void; reject: (error: Error) => void };

export type MarkdownThread = {
  /** Starts the worker now (at server start), so it is ready before the first comment. */
  start(): void;
  render(markdown: string): Promise<string>;
  /** Ends the worker (tests; a server simply exits). Later renders run on the calling thread. */
  close(): Promise<void>;
};

/** Renders inline, with the same answer a worker would give (also for an error). */
function renderHere(job: Pending): void {
  try {
    job.resolve(renderCommentMarkdown(job.markdown));
  } catch (error) {
    job.reject(error instanceof Error ? error : new Error(String(error)));
  }
}

export function createMarkdownThread(spawn: () => Worker, onFallback: (reason: string) => void = () => {}): MarkdownThread {
  let worker: Worker | undefined;
  let ready = false;
  let failed = false;
  let nextId = 0;
  const pending = new Map<number, Pending>();

  /** From now on everything renders here, starting with what the worker was given. */
  function renderHereFromNow() {
    failed = true;
    ready = false;
    worker = undefined;
    const stranded = [...pending.values()];
    pending.clear();
    for (const job of stranded) renderHere(job);
  }

  function fallBack(reason: string) {
    if (failed) return;
    renderHereFromNow();
    onFallback(reason);
  }

  function started(): Worker | undefined {
    if (failed) return undefined;
    if (worker) return worker;
    try {
      const spawned = spawn();
      spawned.unref();
      spawned.on("message", (reply: Reply) => {
        if ("ready" in reply) {
          ready = !failed;
          return;
        }
        const job = pending.get(reply.id);
        if (!job) return;
        pending.delete(reply.id);
        if (reply.html !== undefined) job.resolve(reply.html);
        else job.reject(new Error(reply.error ?? "the Markdown worker answered without HTML"));
      });
      spawned.on("error", (error) => fallBack(`the Markdown worker failed: ${error.message}`));
      spawned.on("exit", (code) => fallBack(`the Markdown worker exited (code ${code})`));
      worker = spawned;
      return worker;
    } catch (error) {
      fallBack(`the Markdown worker could not start: ${error instanceof Error ? error.message : String(error)}`);
      return undefined;
    }
  }

  return {
    start() {
      started();
    },
    render(markdown) {
      return new Promise<string>((resolve, reject) => {
        const job = { markdown, resolve, reject };
        const target = started();
        if (!target || !ready) return renderHere(job);
        const id = nextId++;
        pending.set(id, job);
        target.postMessage({ id, markdown });
      });
    },
    async close() {
      const running = worker;
      // Closing is not a failure: nothing to report, and renders still in flight finish here.
      renderHereFromNow();
      await running?.terminate();
    },
  };
}
