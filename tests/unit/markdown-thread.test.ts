// The render thread for comment Markdown (lib/comments/markdown-thread.ts): real worker threads,
// the real worker entry (loaded through tsx, as the bundler would build it), and workers that
// fail on purpose. What a reader relies on: the stored HTML is exactly what the renderer gives on
// the main thread, and no comment is lost or held up when the worker is not there.
import { fileURLToPath } from "node:url";
import { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import { createMarkdownThread, type MarkdownThread } from "@/lib/comments/markdown-thread";
import { renderCommentMarkdown } from "@/lib/comments/render-markdown";

const WORKER_ENTRY = fileURLToPath(new URL("../../lib/comments/markdown-worker.ts", import.meta.url));
// tsx's require hook stands in for the bundler: the worker runs the TypeScript source as it is.
const realWorker = () => new Worker(`require("tsx/cjs/api").register(); require(${JSON.stringify(WORKER_ENTRY)});`, { eval: true });
/** A worker from source text: for the ones that misbehave on purpose. */
const evalWorker = (source: string) => () => new Worker(`const { parentPort } = require("node:worker_threads");\n${source}`, { eval: true });

const SAMPLES = [
  "Plain words.",
  "*em* **strong** `code` and https://example.org/bare.",
  "> quoted\n\n1. one\n2. two\n\n```\ncode <b>\n```",
  "<script>alert(1)</script> [x](javascript:alert(1)) ![img](https://example.org/a.png)",
  '<img src=x onerror="alert(1)"> [a](data:text/html;base64,PHNjcmlwdD4=)',
  "# not a heading\n\n---\n\n[ref]: https://example.org",
];

let thread: MarkdownThread | undefined;
afterEach(async () => {
  await thread?.close();
  thread = undefined;
});

/** Starts the worker (as instrumentation.ts does) and waits until it says it is ready: then renders go to it. */
async function readyThread(spawn: () => Worker, onFallback?: (reason: string) => void): Promise<{ thread: MarkdownThread; worker: Worker }> {
  let worker: Worker | undefined;
  const ready = new Promise<void>((resolve, reject) => {
    thread = createMarkdownThread(
      () => {
        worker = spawn();
        worker.on("message", (message: { ready?: boolean }) => message.ready && resolve());
        return worker;
      },
      (reason) => {
        onFallback?.(reason);
        reject(new Error(`fell back before the worker was ready: ${reason}`));
      },
    );
  });
  thread!.start();
  await ready;
  return { thread: thread!, worker: worker! };
}

describe("the Markdown render thread", () => {
  it("renders on the worker exactly what the main thread renders, sanitized the same", async () => {
    const { thread, worker } = await readyThread(realWorker);
    const fromWorker: string[] = [];
    worker.on("message", (message: { html?: string }) => message.html !== undefined && fromWorker.push(message.html));
    for (const markdown of SAMPLES) expect(await thread.render(markdown)).toBe(renderCommentMarkdown(markdown));
    expect(fromWorker).toEqual(SAMPLES.map((markdown) => renderCommentMarkdown(markdown)));
    expect(await thread.render(SAMPLES[3]!)).not.toMatch(/<script|javascript:|<img/i);
  }, 30_000);

  it("answers many renders in flight, each with its own HTML", async () => {
    const { thread } = await readyThread(realWorker);
    const inputs = Array.from({ length: 60 }, (_, i) => `Comment number **${i}**, see https://example.org/${i}`);
    const outputs = await Promise.all(inputs.map((markdown) => thread.render(markdown)));
    expect(outputs).toEqual(inputs.map((markdown) => renderCommentMarkdown(markdown)));
  }, 30_000);

  it("renders on the calling thread until the worker is ready, so nobody waits for it to start", async () => {
    // A worker that never says it is ready and never answers: renders must not wait for it.
    thread = createMarkdownThread(evalWorker("parentPort.on('message', () => {});"));
    expect(await thread.render(SAMPLES[1]!)).toBe(renderCommentMarkdown(SAMPLES[1]!));
  });

  it("renders what was in flight, and everything after, on the calling thread when the worker dies", async () => {
    const reasons: string[] = [];
    // Ready at once, then exits on the first job without answering it.
    const { thread } = await readyThread(evalWorker("parentPort.postMessage({ ready: true }); parentPort.on('message', () => process.exit(7));"), (reason) =>
      reasons.push(reason),
    );
    expect(await thread.render(SAMPLES[2]!)).toBe(renderCommentMarkdown(SAMPLES[2]!));
    expect(await thread.render(SAMPLES[4]!)).toBe(renderCommentMarkdown(SAMPLES[4]!));
    expect(reasons).toEqual(["the Markdown worker exited (code 7)"]);
  });

  it("falls back once, with the reason, when the worker cannot start", async () => {
    const reasons: string[] = [];
    thread = createMarkdownThread(
      () => {
        throw new Error("no threads here");
      },
      (reason) => reasons.push(reason),
    );
    expect(await thread.render(SAMPLES[0]!)).toBe(renderCommentMarkdown(SAMPLES[0]!));
    expect(await thread.render(SAMPLES[1]!)).toBe(renderCommentMarkdown(SAMPLES[1]!));
    expect(reasons).toEqual(["the Markdown worker could not start: no threads here"]);
  });
});
