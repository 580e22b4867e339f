// npm run bench:passages [-- --no-build]
//
// Issue 15's page budget: the essay page with 300 comments responding to passages keeps ≥ 0.5 of
// the plain page's req/s. Builds once into .next-bench-passages (SQLite), starts `next start`,
// then measures, side by side on the same server and database (autocannon, 10 connections, 2 s
// warm-up, 10 s):
//   a. the essay with no comments (the plain page);
//   b. after 300 top-level comments are written into the database (no passages; the page shows the
//      first 30 conversations, as the app pages them);
//   c. after each of those 300 gets a passage: a sentence of the essay's recorded revision, spread
//      over its blocks, so the page marks 300 ranges and says "N responses" after each block.
// Each step records the invalidation as the app does and checks the page shows what was seeded
// (comments, and <mark> elements for c). Figures only: never fails on a time; exits 1 when it
// could not measure, 2 on a bad flag. Results also go to bench/out/passages.json.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateDatabase } from "../db/migrate";
import { prefixAt, suffixAt } from "../lib/anchors/quote";
import { sentencesOf } from "../lib/anchors/sentences";
import { parseFlags, type FlagSpec } from "./lib/args";
import { buildOrReuse } from "./lib/build-once";
import { openSqliteClient, planThread, recordInvalidation, seedThread, type SqlClient } from "./lib/comment-seed";
import { httpGet } from "./lib/http-get";
import { measureThroughput, type Throughput } from "./lib/load";
import { outPath, ROOT, watchLoad, writeJson } from "./lib/out";
import { freePort, onCleanup, removeDir, runCleanups, sleep, startServer, type Server } from "./lib/processes";
import { benchAppEnv } from "./lib/site";
import { printTable } from "./lib/table";

const COMMAND = "npm run bench:passages --";
const FLAGS = { "no-build": { type: "boolean", help: "reuse the build in .next-bench-passages" } } satisfies Record<string, FlagSpec>;
const DIST_DIR = ".next-bench-passages";
const ESSAY = "/leftlibertarian/08/23/because-killing-them-all-is-not-an-option";
const THREAD_TAGS = [`comments:${ESSAY}`, "comment-counts"];
const AUTH_SECRET = "bench-passages-auth-secret-not-for-production-0123456789";
const PASSAGES = 300;
const CANNON = { connections: 10, duration: 10, warmupSeconds: 2 };
/** COMMENTS_PER_PAGE's default (env.js): conversations on the essay page; the rest are on later pages. */
const FIRST_PAGE = 30;

type Step = { label: string; comments: number; marks: number; htmlBytes: number; throughput: Throughput };

/** Reads the page until it shows `comments` comments and at least `marks` marks (the render after the invalidation). */
async function pageShows(server: Server, comments: number, marks: number): Promise<{ marks: number; htmlBytes: number }> {
  for (let tries = 0; tries < 80; tries += 1) {
    const page = await httpGet(server.url + ESSAY, "identity");
    const shown = (page.body.match(/<article id="comment-\d+"/g) ?? []).length;
    const marked = (page.body.match(/<mark class="passage-mark"/g) ?? []).length;
    if (page.status === 200 && shown === Math.min(comments, FIRST_PAGE) && marked >= marks) return { marks: marked, htmlBytes: Buffer.byteLength(page.body) };
    await sleep(250);
  }
  throw new Error(`the essay page never showed ${comments} comments with ${marks} or more passage marks: a broken benchmark (seeding or invalidation), not a slow one`);
}

async function measure(server: Server, label: string, comments: number, marks: number): Promise<Step> {
  const shown = await pageShows(server, comments, marks);
  console.log(`  ${label}: ${comments} comments (${Math.min(comments, FIRST_PAGE)} on the page), ${shown.marks} marks, ${(shown.htmlBytes / 1024).toFixed(0)} KB of HTML; autocannon …`);
  return { label, comments, marks: shown.marks, htmlBytes: shown.htmlBytes, throughput: await measureThroughput(server.url + ESSAY, CANNON) };
}

/** One passage per comment: sentence i of the revision's blocks, taken in turn. */
async function seedPassages(client: SqlClient, commentIds: number[]): Promise<number> {
  const [revision] = await client.all<{ id: string; blocks: string }>("select id, blocks from essay_revisions where essay_path = ? order by first_seen_at desc limit 1", [ESSAY]);
  if (!revision) throw new Error("the server recorded no revision of the essay at its start");
  const blocks = (JSON.parse(revision.blocks) as { id: string; kind: string; text: string }[]).filter((block) => block.kind !== "heading");
  const sentences = blocks.flatMap((block) => sentencesOf(block.text).map(({ start, end }) => ({ block, start, end })));
  await client.transaction(async () => {
    for (const [i, commentId] of commentIds.entries()) {
      const { block, start, end } = sentences[i % sentences.length]!;
      await client.run(
        "insert into comment_passages (comment_id, revision_id, block_id, start_offset, end_offset, exact, prefix, suffix, placed_revision_id, placement, placed_block_id, placed_start, placed_end) values (?, ?, ?, ?, ?, ?, ?, ?, ?, 'anchored', ?, ?, ?)",
        [commentId, revision.id, block.id, start, end, block.text.slice(start, end), prefixAt(block.text, start), suffixAt(block.text, end), revision.id, block.id, start, end],
      );
    }
  });
  return new Set(commentIds.map((_, i) => `${sentences[i % sentences.length]!.block.id}:${sentences[i % sentences.length]!.start}`)).size;
}

async function main(): Promise<void> {
  const flags = parseFlags(COMMAND, FLAGS);
  const stopWatchingLoad = watchLoad();
  console.log(`bench:passages — ${os.cpus().length} cores, Node ${process.version}. Figures side by side on one server; the machine is shared and noisy.`);
  await buildOrReuse({ name: "passages", distDir: DIST_DIR, noBuild: Boolean(flags["no-build"]), env: () => ({ ...benchAppEnv(), AUTH_SECRET }) });

  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-passages-"));
  onCleanup(() => removeDir(dir));
  const file = path.join(dir, "blog.db");
  await migrateDatabase({ config: { dialect: "sqlite", file } });
  const port = await freePort();
  const site = `http://localhost:${port}`;
  const server = await startServer({
    distDir: DIST_DIR,
    logFile: outPath("passages-server.log"),
    port,
    // The app's paging (30 conversations a page): the essay page a reader gets shows the first 30
    // comments, and marks the passages of all 300.
    env: { DATABASE_URL: `file:${file}`, DATA_DIR: dir, AUTH_SECRET, SITE_URL: site, AUTH_URL: site, OUTBOX_INTERVAL_SECONDS: "0" },
  });
  onCleanup(() => server.stop());
  const client = openSqliteClient(file);
  onCleanup(() => client.close());

  const steps: Step[] = [];
  steps.push(await measure(server, "plain essay (no comments)", 0, 0));
  const ids = await seedThread(client, ESSAY, planThread({ total: PASSAGES, topLevel: PASSAGES, users: 50, maxDepth: 0, bodyChars: 500, seed: 15 }));
  await recordInvalidation(client, THREAD_TAGS);
  steps.push(await measure(server, `${PASSAGES} comments, no passages`, PASSAGES, 0));
  // The server records the essay's revision at its start (lib/anchors/record-revisions-at-start.ts).
  const places = await seedPassages(client, ids);
  await recordInvalidation(client, THREAD_TAGS);
  steps.push(await measure(server, `${PASSAGES} comments on passages`, PASSAGES, places));

  const plain = steps[0]!.throughput.requestsPerSecondMean;
  const load = stopWatchingLoad();
  printTable(
    `The essay page, ${CANNON.connections} connections, ${CANNON.duration} s (load average ${load.atStart.toFixed(2)} → ${load.atEnd.toFixed(2)}, highest ${load.highest.toFixed(2)})`,
    ["page", "marks", "HTML KB", "req/s", "p50 ms", "p99 ms", "÷ plain", "÷ same without passages", "budget"],
    steps.map((step, i) => [
      step.label,
      step.marks,
      (step.htmlBytes / 1024).toFixed(0),
      step.throughput.requestsPerSecondMean.toFixed(0),
      step.throughput.latencyP50Ms.toFixed(1),
      step.throughput.latencyP99Ms.toFixed(1),
      (step.throughput.requestsPerSecondMean / plain).toFixed(2),
      i === 2 ? (step.throughput.requestsPerSecondMean / steps[1]!.throughput.requestsPerSecondMean).toFixed(2) : "",
      i === 2 ? "≥ 0.5" : "",
    ]),
  );
  writeJson("passages.json", { steps, load, distinctPlaces: places, root: ROOT });
}

main()
  .catch((error: unknown) => {
    console.error(`bench:passages could not measure: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  })
  .finally(() => runCleanups());
