// npm run bench:comments [-- --no-build] [--clean] [--db sqlite|postgres|both] [--reads-only] [--sizes 0,100,1000,10000] [--cache-mb N] [--cpu-prof DIR]
//
// Builds the site once into .next-bench-comments, then for SQLite and for PostgreSQL
// (a throwaway server from tests/support/postgres.ts), each with its own `next start`:
//   a. the essay page with no comments: autocannon (10 connections, 10 s) and HTML bytes;
//   b. the same page after 1,000 comments are written straight into the database
//      (200 threads, replies down to depth 6, ~500 characters of Markdown each, 50
//      authors) and the invalidation is recorded as the app records it: first every page
//      of the thread is followed and counted (all 1,000 must be there, once), then the
//      essay (the thread's first page) and a later page of it get the same figures;
//   c. the ratio thread ÷ empty throughput, beside the budget "≥ 0.5"; then 20,000 votes are
//      written onto that thread (bench/lib/votes.ts: both axes, ▼ with reasons, by its own
//      readers) and the essay gets the same figures again, its ratio beside the same budget;
//   d. on a freshly started server (same build and database, so posting does not pay for
//      the page load's garbage), 200 comments POSTed to /api/comments by 10 signed-in
//      readers (database sessions), 10 at a time, each request timed: comments/s, p50,
//      p99; then the rows are counted. Then, on another fresh server, votes cast through
//      POST /api/comments/votes (JSON) by 10 readers, 10 at a time, in rounds of 200, the
//      same way (warm-up rounds, then the measured one; every vote writes a row, counted);
//      First warm-up rounds of the same shape, for as long as the page figures' warm-up
//      (2 s), each counted too; the first is the server's first real posts (cold: V8 has
//      not yet optimised the path) and is shown beside. The budget is read on the round
//      after them, as the page figures are read after autocannon's warm-up.
//   f. on another fresh server, 10 writers who each replied in 60 of the thread's conversations
//      award Δs (POST /api/comments/deltas, one per distinct recipient: 2 warm-up rounds, then the
//      measured one) and retract / undo their own replies (POST /api/comments/retractions, warm-up
//      rounds for 2 s, then the measured one), and answer the restatements seeded readers made of
//      those replies (POST /api/comments/restatements, 2 warm-up rounds, then the measured one);
//      every request is a new row or a newly answered one, counted (issue 14).
//   e. reads (also alone with --reads-only): for threads of 0, 100, 1,000 and 10,000 comments
//      (--sizes), each on a fresh database and a fresh `next start`, every page of the thread
//      read twice, first and second read side by side (decision 023), once asking for gzip and
//      once not, each on its own fresh server (decision 044). --cache-mb sets the
//      server's CACHE_MEMORY_MB (50 is Next's default, for a before/after).
// BENCH_DUMP_HTML=1 also writes each measured page's HTML to bench/out/page-<label>.html, to see what the bytes are.
// Figures only: it never fails on a time. It exits 1 when it could not measure (the build
// failed, a server did not start, the page did not show the seeded thread), 2 on a bad flag.
// Results also go to bench/out/comments.json.
import fs from "node:fs";
import http from "node:http";
import os from "node:os";
import path from "node:path";
import { migrateDatabase } from "../db/migrate";
import { createDatabase, findPostgresBinaries, startPostgres, type PostgresServer } from "../tests/support/postgres";
import { fail, parseFlags, type FlagSpec } from "./lib/args";
import { buildOrReuse } from "./lib/build-once";
import {
  commentMarkdown,
  countComments,
  createReaders,
  openPostgresClient,
  openSqliteClient,
  planThread,
  random,
  recordInvalidation,
  seedThread,
  type Reader,
  type SqlClient,
} from "./lib/comment-seed";
import { measureThroughput, percentile, timedRequest, type Throughput, type Timed } from "./lib/load";
import { castVotes, seedVotes, votesShown, type VoteSeed, type Voting, type VotingRound } from "./lib/votes";
import { answerRestatements, awardDeltas, planMindChanges, retractComments, type WriteRound, type Writes } from "./lib/mind-changes";
import { READ_ENCODINGS, READ_HEADERS, readRow, readThreadTwice, type ReadFigures } from "./lib/thread-reads";
import { outPath, ROOT, watchLoad, writeJson } from "./lib/out";
import { freePort, onCleanup, removeDir, runCleanups, sleep, startServer, wasInterrupted, type Server } from "./lib/processes";
import { benchAppEnv } from "./lib/site";
import { GZIP_LEVEL, gzipSize } from "./lib/size";
import { printTable } from "./lib/table";

const COMMAND = "npm run bench:comments --";
const FLAGS = {
  "no-build": { type: "boolean", help: "reuse the build in .next-bench-comments instead of building again" },
  clean: { type: "boolean", help: "remove .next-bench-comments afterwards (then the next run must build)" },
  db: { type: "string", value: "WHICH", help: "sqlite, postgres or both (default both)" },
  "reads-only": { type: "boolean", help: "only the read measurement: every page of a thread read twice, per thread size" },
  sizes: { type: "string", value: "N,N,…", help: "thread sizes for the read measurement (default 0,100,1000,10000)" },
  "cache-mb": { type: "string", value: "MB", help: "CACHE_MEMORY_MB for the read measurement's servers (default: the app's, 256)" },
  "cpu-prof": { type: "string", value: "DIR", help: "run each next start under node --cpu-prof, profiles into DIR (an existing directory)" },
} satisfies Record<string, FlagSpec>;
const READ_SIZES = [0, 100, 1000, 10_000];

const DIST_DIR = ".next-bench-comments";
const ESSAY = "/leftlibertarian/08/23/because-killing-them-all-is-not-an-option";
const THREAD_TAGS = [`comments:${ESSAY}`, "comment-counts"];
// Fixed, so sessions and signed tokens mean the same in every run (never a real secret).
const AUTH_SECRET = "bench-comments-auth-secret-not-for-production-0123456789";
const SEED = { total: 1000, topLevel: 200, users: 50, maxDepth: 6, bodyChars: 500, seed: 2010 };
const POSTING = { readers: 10, perReader: 20, bodyChars: 300, replyShare: 0.4, seed: 823 };
const VOTES = { seeded: 20_000, seed: 1923, readers: 10, perReader: 50, castSeed: 37 };
// Δs: one per giver → recipient per essay (50 seeded readers), so rounds are fixed: 1 warm-up + the
// measured one, 20 each per writer (200 measured, so that p99 is not just the slowest request).
const MIND_CHANGES = { writers: 10, conversations: 60, deltasPerRound: 20, deltaWarmupRounds: 1, retractionsPerRound: 40, seed: 4711 };
const BUDGET_MIND_CHANGE_P99_MS = 100;
const CANNON = { connections: 10, duration: 10, warmupSeconds: 2 };
// Far above what 10 readers posting 200 comments in a few seconds need: the posting figures
// measure the endpoint, not the rate limit (the defaults, 5 a minute and 200 a day, would refuse most).
// The same for votes (defaults 30 a minute, 1,000 a day).
const LIMITS = { COMMENTS_PER_MINUTE: "100000", COMMENTS_PER_DAY: "1000000", VOTES_PER_MINUTE: "100000", VOTES_PER_DAY: "1000000" };
const BUDGET_RATIO = 0.5;
const BUDGET_POST_P99_MS = 100;
const BUDGET_VOTE_P99_MS = 100;

type Html = {
  status: number;
  raw: number;
  gzip: number;
  inlineScriptRaw: number;
  inlineScriptGzip: number;
  articles: number;
  ms: number;
  /** Next's x-nextjs-cache header (HIT, STALE, MISS); absent for a page rendered on every request. */
  cache: string | null;
};
type PageRun = {
  label: "empty" | "thread" | "later page" | "thread + votes";
  /** The address measured: the essay, or a later page of its thread (decision 016). */
  path: string;
  /** Comments in the whole thread (the number the page's heading shows). */
  comments: number;
  /** The first request after the server started or the thread was invalidated. */
  html: Html;
  /** The request right after it: what autocannon then gets (a HIT means served from the ISR cache). */
  secondRequest: { ms: number; cache: string | null };
  throughput: Throughput;
};
type PostingRound = {
  requests: number;
  wallSeconds: number;
  commentsPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMeanMs: number;
  latencyMaxMs: number;
  created201: number;
  other: Record<string, number>;
  otherSamples: string[];
  replies: number;
  rows: { before: number; after: number; byReaders: number; expectedNew: number; ok: boolean };
  distinctIds: number;
};
/** The measured round's figures, with the warm-up rounds before it (the first of them cold). */
type Posting = PostingRound & {
  concurrency: number;
  /** Rounds before the measured one, for at least CANNON.warmupSeconds; the first is cold. */
  warmupRounds: PostingRound[];
  warmup: { requests: number; statuses: Record<string, number>; latencyMs: number[] };
  pageAfter: { articles: number; pages: number; ms: number; ok: boolean };
};
/** Every page of the thread, followed from the essay by its "next" links. */
type Crawl = { pages: number; articles: number; distinct: number; ms: number; paths: string[] };
type DbFigures = {
  database: "SQLite" | "PostgreSQL";
  skipped?: string;
  failed?: string;
  target?: string;
  seed?: { comments: number; users: number; depths: Record<number, number>; bodyCharsMean: number; bodyHtmlCharsMean: number; seconds: number };
  pages: PageRun[];
  /** After seeding: every comment is on some page of the thread, once. */
  crawl?: Crawl;
  ratio?: number;
  /** The same for a later page of the thread (rendered on its first request, then cached like the essay). */
  laterPageRatio?: number;
  /** The ratio for the essay once the thread's votes are seeded (beside `ratio`). */
  votesRatio?: number;
  votes?: VoteSeed & { shown: { tallies: number; badges: number } };
  posting?: Posting;
  voting?: Voting;
  /** Δs and retractions (issue 14), on a server of their own. */
  deltas?: Writes;
  retractions?: Writes;
  restatementAnswers?: Writes;
  /** Server logs: one `next start` for the pages, a fresh one for posting, another for voting, another for Δs and retractions. */
  serverLogs?: Partial<Record<"pages" | "posting" | "voting" | "mind-changes", string>>;
  /** Every page of a thread read twice, per thread size (each on a fresh database and server). */
  reads?: ReadFigures[];
};

const articleIds = (html: string) => [...html.matchAll(/<article id="comment-(\d+)"/g)].map((match) => Number(match[1]));
const articlesIn = (html: string) => articleIds(html).length;
/** The number in the thread's heading ("1,000 comments"; "Comments" when there are none). */
const shownCount = (html: string) => {
  const heading = html.match(/<h2 id="comments-title">([^<]*)<\/h2>/)?.[1] ?? "";
  return heading === "Comments" ? 0 : Number(heading.match(/^([\d,]+) comments?$/)?.[1]?.replaceAll(",", "") ?? NaN);
};

function inlineScripts(html: string): string {
  let total = "";
  for (const match of html.matchAll(/<script\b(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi)) total += match[1];
  return total;
}

async function fetchPage(url: string): Promise<Html & { text: string }> {
  const started = performance.now();
  const response = await fetch(url, { signal: AbortSignal.timeout(60_000) });
  // fetch undoes any Content-Encoding: these are the bytes a browser parses.
  const body = Buffer.from(await response.arrayBuffer());
  const ms = performance.now() - started;
  const text = body.toString("utf8");
  const inline = inlineScripts(text);
  return {
    status: response.status,
    raw: body.length,
    gzip: gzipSize(body),
    inlineScriptRaw: Buffer.byteLength(inline),
    inlineScriptGzip: gzipSize(inline),
    articles: articlesIn(text),
    ms,
    cache: response.headers.get("x-nextjs-cache"),
    text,
  };
}

class BrokenBenchmark extends Error {
  name = "BrokenBenchmark";
}

/** Follows the thread's "next" links from the essay to its last page, counting every comment shown. */
async function crawlThread(server: Server): Promise<Crawl> {
  const started = performance.now();
  const ids: number[] = [];
  const paths: string[] = [];
  let next: string | undefined = ESSAY;
  while (next && paths.length < 1000) {
    const response: Response = await fetch(server.url + next, { signal: AbortSignal.timeout(60_000) });
    const html: string = await response.text();
    if (response.status !== 200) throw new BrokenBenchmark(`GET ${next} answered ${response.status}, not 200`);
    paths.push(next);
    ids.push(...articleIds(html));
    // The thread's own page navigation: the essay's "next essay" link is rel="next" too.
    next = html.split('<nav class="thread-pages"')[1]?.match(/<a href="([^"#]+)(?:#[^"]*)?" rel="next"/)?.[1];
  }
  return { pages: paths.length, articles: ids.length, distinct: new Set(ids).size, ms: performance.now() - started, paths };
}

async function measurePage(server: Server, label: PageRun["label"], pagePath: string, expected: number): Promise<PageRun> {
  const url = server.url + pagePath;
  const page = await fetchPage(url);
  if (page.status !== 200) throw new BrokenBenchmark(`${label}: GET ${pagePath} answered ${page.status}, not 200`);
  const shown = shownCount(page.text);
  if (shown !== expected || (expected > 0) !== (page.articles > 0)) {
    throw new BrokenBenchmark(
      `${label}: the page says ${shown} comments and shows ${page.articles.toLocaleString("en-US")} <article id="comment-…"> elements; the thread has ${expected.toLocaleString("en-US")}. ` +
        "That is a broken benchmark (seeding, invalidation or a stale cache), not a slow one.",
    );
  }
  let second = await fetchPage(url);
  // A build older than the page's revalidate window (an hour; --no-build reuses old builds) serves
  // STALE while Next renders the page again in the background: wait for the fresh entry, so that
  // autocannon measures a cached page and not one that is being revalidated.
  for (let tries = 0; second.cache === "STALE" && tries < 40; tries += 1) {
    await sleep(250);
    second = await fetchPage(url);
  }
  if (second.cache === "STALE") console.log(`  ${label}: still STALE after 10 s of waiting for Next's background render; its figure is not a cached page's`);
  if (process.env.BENCH_DUMP_HTML) fs.writeFileSync(outPath(`page-${label.replace(/\W+/g, "-")}.html`), page.text);
  console.log(
    `  ${label}: first request ${page.ms.toFixed(0)} ms (x-nextjs-cache ${page.cache ?? "none"}), second ${second.ms.toFixed(0)} ms ` +
      `(${second.cache ?? "none"}), ${page.articles.toLocaleString("en-US")} comments in the HTML; ` +
      `autocannon ${CANNON.connections} connections, ${CANNON.warmupSeconds} s warm-up then ${CANNON.duration} s …`,
  );
  const throughput = await measureThroughput(url, CANNON);
  const { text: _text, ...html } = page;
  return { label, path: pagePath, comments: expected, html, secondRequest: { ms: second.ms, cache: second.cache }, throughput };
}

function describeDepths(depths: number[]): Record<number, number> {
  const counts: Record<number, number> = {};
  for (const depth of depths) counts[depth] = (counts[depth] ?? 0) + 1;
  return counts;
}

/** One round of POSTING.readers × POSTING.perReader posts, each request timed, then the rows counted. */
async function postRound(
  round: number | "measured",
  send: (reader: Reader, body: object) => Promise<Timed>,
  client: SqlClient,
  readers: Reader[],
  seededIds: number[],
): Promise<PostingRound> {
  const before = await countComments(client, ESSAY);
  const byReadersBefore = await countComments(client, ESSAY, readers.map((reader) => reader.userId));
  const rand = random(POSTING.seed + (round === "measured" ? 0 : round));
  const label = round === "measured" ? "the measured round" : `warm-up round ${round}`;
  const total = POSTING.readers * POSTING.perReader;
  // Request i belongs to reader i % 10 (round-robin); each reader's 20 go one after another,
  // so 10 are in flight at a time and no reader races itself. The round is in the text, so no
  // post of the second round repeats one of the first (that would be a double submit, not a comment).
  const jobs = Array.from({ length: total }, (_, i) => {
    const parentId = rand() < POSTING.replyShare ? seededIds[Math.floor(rand() * seededIds.length)]! : undefined;
    const body = `${commentMarkdown(rand, POSTING.bodyChars - 40)}\n\n(Post ${i + 1} of ${label}.)`;
    return { i, reader: readers[i % readers.length]!, parentId, body };
  });
  const latencies: number[] = [];
  const statuses: Record<string, number> = {};
  const samples: string[] = [];
  const ids: number[] = [];
  const started = performance.now();
  await Promise.all(
    readers.map(async (_, w) => {
      for (const job of jobs.filter((j) => j.i % readers.length === w)) {
        const result = await send(job.reader, { essayPath: ESSAY, ...(job.parentId !== undefined ? { parentId: job.parentId } : {}), body: job.body });
        latencies.push(result.ms);
        const key = result.error ? `error` : String(result.status);
        statuses[key] = (statuses[key] ?? 0) + 1;
        if (result.status === 201) ids.push((JSON.parse(result.body) as { id: number }).id);
        else if (samples.length < 5) samples.push(`${key}: ${(result.error ?? result.body).slice(0, 200)}`);
      }
    }),
  );
  const wallSeconds = (performance.now() - started) / 1000;
  const after = await countComments(client, ESSAY);
  const byReaders = (await countComments(client, ESSAY, readers.map((reader) => reader.userId))) - byReadersBefore;
  const created201 = statuses["201"] ?? 0;
  return {
    requests: total,
    wallSeconds,
    commentsPerSecond: created201 / wallSeconds,
    latencyP50Ms: percentile(latencies, 50),
    latencyP99Ms: percentile(latencies, 99),
    latencyMeanMs: latencies.reduce((a, b) => a + b, 0) / latencies.length,
    latencyMaxMs: Math.max(...latencies),
    created201,
    other: Object.fromEntries(Object.entries(statuses).filter(([status]) => status !== "201")),
    otherSamples: samples,
    replies: jobs.filter((job) => job.parentId !== undefined).length,
    rows: { before, after, byReaders, expectedNew: total, ok: after - before === total && byReaders === total },
    distinctIds: new Set(ids).size,
  };
}

async function postComments(server: Server, client: SqlClient, seededIds: number[]): Promise<Posting> {
  const readers = await createReaders(client, POSTING.readers);
  const agent = new http.Agent({ keepAlive: true, maxSockets: POSTING.readers });
  const endpoint = `${server.url}/api/comments`;
  const send = (reader: Reader, body: object) =>
    timedRequest(agent, endpoint, {
      method: "POST",
      headers: { "content-type": "application/json", origin: server.url, cookie: `authjs.session-token=${reader.sessionToken}` },
      body: JSON.stringify(body),
    });
  try {
    // Warm-up that writes nothing: each reader sends an empty body (400 after the session
    // lookup), so the route's module, the session lookup and the connection pool are loaded before timing.
    // All ten at once, as the rounds send them: each reader's keep-alive connection is open
    // before the first round (one after another, they would all share one connection and the
    // first timed wave would open nine new ones).
    const warmStatuses: Record<string, number> = {};
    const warmLatency: number[] = [];
    await Promise.all(
      readers.map(async (reader) => {
        const result = await send(reader, { essayPath: ESSAY, body: "" });
        warmStatuses[String(result.status)] = (warmStatuses[String(result.status)] ?? 0) + 1;
        warmLatency.push(Math.round(result.ms * 10) / 10);
      }),
    );
    if (warmStatuses["401"]) throw new BrokenBenchmark(`the seeded sessions were not accepted (warm-up statuses ${JSON.stringify(warmStatuses)})`);

    // Identical rounds, each timed and counted. Warm-up rounds go on for as long as the page
    // figures' warm-up (CANNON.warmupSeconds); the first of them is the first real work this
    // server's posting path does (V8 has not optimised it yet: cold), shown beside. The budget
    // is read on the round after them, as the page figures are read after autocannon's warm-up.
    const warmupRounds: PostingRound[] = [];
    const warmupStarted = performance.now();
    do warmupRounds.push(await postRound(warmupRounds.length + 1, send, client, readers, seededIds));
    while (performance.now() - warmupStarted < CANNON.warmupSeconds * 1000);
    const measured = await postRound("measured", send, client, readers, seededIds);
    // The next page loads must show them (every POST expired the thread's tag): all of the thread's pages.
    const pageAfter = await crawlThread(server);
    return {
      ...measured,
      concurrency: POSTING.readers,
      warmupRounds,
      warmup: { requests: readers.length, statuses: warmStatuses, latencyMs: warmLatency },
      pageAfter: {
        articles: pageAfter.articles,
        pages: pageAfter.pages,
        ms: pageAfter.ms,
        ok: pageAfter.articles === measured.rows.after && pageAfter.distinct === pageAfter.articles,
      },
    };
  } finally {
    agent.destroy();
  }
}

async function measureDatabase(dialect: "sqlite" | "postgres"): Promise<DbFigures> {
  const figures: DbFigures = { database: dialect === "sqlite" ? "SQLite" : "PostgreSQL", pages: [] };
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-comments-${dialect}-`));
  const forgetDir = onCleanup(() => removeDir(dir));
  let postgres: PostgresServer | undefined;
  let forgetPostgres = () => {};
  let client: SqlClient | undefined;
  let forgetClient = () => {};
  let server: Server | undefined;
  try {
    let databaseUrl: string;
    if (dialect === "sqlite") {
      const file = path.join(dir, "blog.db");
      await migrateDatabase({ config: { dialect: "sqlite", file } });
      databaseUrl = `file:${file}`;
      figures.target = `SQLite file in ${dir}`;
    } else {
      console.log("  starting PostgreSQL (tests/support/postgres.ts) …");
      postgres = await startPostgres();
      const started = postgres;
      forgetPostgres = onCleanup(() => started.stop());
      databaseUrl = await createDatabase({ serverUrl: postgres.url, name: "bench_comments" });
      await migrateDatabase({ config: { dialect: "postgres", url: databaseUrl } });
      figures.target = `PostgreSQL 127.0.0.1:${postgres.port}/bench_comments (fsync off, as the tests run it)`;
    }
    client = dialect === "sqlite" ? openSqliteClient(databaseUrl.slice("file:".length)) : await openPostgresClient(databaseUrl);
    const opened = client;
    // Registered after PostgreSQL, so on Ctrl-C it closes first (cleanups run in reverse).
    forgetClient = onCleanup(() => opened.close());

    // One `next start` for the pages, and a fresh one (same build, same database) for posting.
    const startSite = async (part: "pages" | "posting" | "voting" | "mind-changes") => {
      const port = await freePort();
      const site = `http://localhost:${port}`;
      const logFile = outPath(`comments-${dialect}-${part}-server.log`);
      const started = await startServer({
        cpuProfileDir,
        distDir: DIST_DIR,
        logFile,
        port,
        env: {
          DATABASE_URL: databaseUrl,
          DATA_DIR: dir,
          AUTH_SECRET,
          SITE_URL: site,
          AUTH_URL: site,
          ...LIMITS,
          OUTBOX_INTERVAL_SECONDS: "0",
        },
      });
      (figures.serverLogs ??= {})[part] = path.relative(process.cwd(), logFile);
      console.log(`  next start for the ${part} at ${started.url} (pid ${started.pid}; log: ${figures.serverLogs[part]})`);
      return started;
    };
    server = await startSite("pages");

    figures.pages.push(await measurePage(server, "empty", ESSAY, 0));

    const seedStarted = performance.now();
    const plan = planThread(SEED);
    const ids = await seedThread(client, ESSAY, plan);
    await recordInvalidation(client, THREAD_TAGS);
    figures.seed = {
      comments: ids.length,
      users: plan.users.length,
      depths: describeDepths(plan.comments.map((c) => c.depth)),
      bodyCharsMean: Math.round(plan.comments.reduce((n, c) => n + c.body.length, 0) / plan.comments.length),
      bodyHtmlCharsMean: Math.round(plan.comments.reduce((n, c) => n + c.bodyHtml.length, 0) / plan.comments.length),
      seconds: (performance.now() - seedStarted) / 1000,
    };
    console.log(
      `  seeded ${ids.length.toLocaleString("en-US")} comments by ${plan.users.length} readers in ${figures.seed.seconds.toFixed(1)} s ` +
        `(depths ${JSON.stringify(figures.seed.depths)}); invalidation recorded for ${THREAD_TAGS.join(", ")}`,
    );

    // Every seeded comment must be readable, on one page of the thread or another, once.
    const crawl = await crawlThread(server);
    figures.crawl = crawl;
    console.log(
      `  the thread: ${crawl.articles.toLocaleString("en-US")} comments (${crawl.distinct.toLocaleString("en-US")} distinct) on ${crawl.pages} pages, ` +
        `each rendered on its first request: ${(crawl.ms / 1000).toFixed(1)} s for all`,
    );
    if (crawl.articles !== SEED.total || crawl.distinct !== SEED.total) {
      throw new BrokenBenchmark(`the thread's pages show ${crawl.articles} comments (${crawl.distinct} distinct), not the ${SEED.total} seeded`);
    }
    figures.pages.push(await measurePage(server, "thread", ESSAY, SEED.total));
    const laterPage = crawl.paths[Math.floor(crawl.paths.length / 2)] ?? ESSAY;
    figures.pages.push(await measurePage(server, "later page", laterPage, SEED.total));
    const [empty, thread, later] = figures.pages.map((page) => page.throughput.requestsPerSecondMean) as [number, number, number];
    figures.ratio = thread / empty;
    figures.laterPageRatio = later / empty;

    // The same thread with its votes: one query reads a page's tallies (db/queries/votes.ts).
    const seeded = await seedVotes(client, plan, ids, VOTES.seeded, VOTES.seed);
    await recordInvalidation(client, [`votes:${ESSAY}`]);
    const withVotes = await fetchPage(server.url + ESSAY);
    const shown = votesShown(withVotes.text);
    figures.votes = { ...seeded, shown };
    console.log(
      `  seeded ${seeded.votes.toLocaleString("en-US")} votes in ${seeded.seconds.toFixed(1)} s (▲ ${seeded.up}, ▼ ${seeded.down}, agree ${seeded.agree}, disagree ${seeded.disagree}; ` +
        `▲ from readers who disagree ${seeded.upFromDisagreers}); the essay now shows tallies on ${shown.tallies} of its ${withVotes.articles} comments, ${shown.badges} "valued by" badges`,
    );
    if (shown.tallies === 0) throw new BrokenBenchmark("the essay shows no vote tallies after 20,000 votes were seeded (seeding or invalidation is broken)");
    figures.pages.push(await measurePage(server, "thread + votes", ESSAY, SEED.total));
    figures.votesRatio = figures.pages[3]!.throughput.requestsPerSecondMean / empty;

    console.log(
      `  posting rounds of ${POSTING.readers * POSTING.perReader} comments (${POSTING.readers} readers × ${POSTING.perReader}, ${POSTING.readers} at a time): ` +
        `warm-up rounds for ${CANNON.warmupSeconds} s, then the measured one …`,
    );
    // Posting gets a server of its own. Right after 36 s of page load, the page server's heap
    // (~190 MB) is collected during the next seconds: with --trace-gc, its mark-compact landed in
    // the posting rounds and held every post in flight, so those rounds measured the page load's
    // garbage, not posting (docs/decisions/004-benchmarks.md).
    await server.stop();
    server = undefined;
    server = await startSite("posting");
    figures.posting = await postComments(server, client, ids);

    console.log(
      `  voting rounds of ${VOTES.readers * VOTES.perReader} votes (${VOTES.readers} readers × ${VOTES.perReader}, ${VOTES.readers} at a time) on a fresh server: ` +
        `warm-up rounds for ${CANNON.warmupSeconds} s, then the measured one …`,
    );
    await server.stop();
    server = undefined;
    server = await startSite("voting");
    // Accounts older than VOTE_MIN_ACCOUNT_HOURS, so their votes count (the whole path is taken).
    const voters = await createReaders(client, VOTES.readers, { label: "Voter", since: new Date(Date.now() - 7 * 24 * 3_600_000) });
    figures.voting = await castVotes({
      url: server.url,
      essayPath: ESSAY,
      client,
      readers: voters,
      commentIds: ids,
      perReader: VOTES.perReader,
      warmupSeconds: CANNON.warmupSeconds,
      seed: VOTES.castSeed,
    });

    console.log(
      `  retraction, Δ and restatement-answer rounds (${MIND_CHANGES.writers} writers at a time, ${MIND_CHANGES.retractionsPerRound} retractions / ${MIND_CHANGES.deltasPerRound} Δs / ${MIND_CHANGES.deltasPerRound} answers each per round) on a fresh server …`,
    );
    await server.stop();
    server = undefined;
    server = await startSite("mind-changes");
    const writers = await createReaders(client, MIND_CHANGES.writers, { label: "Writer", since: new Date(Date.now() - 7 * 24 * 3_600_000) });
    const mindPlan = await planMindChanges(client, plan, ids, writers, ESSAY, {
      conversations: MIND_CHANGES.conversations,
      deltasPerWriter: MIND_CHANGES.deltasPerRound * (MIND_CHANGES.deltaWarmupRounds + 1),
      seed: MIND_CHANGES.seed,
    });
    // Retractions first: their warm-up (CANNON.warmupSeconds, as votes and posts have) warms the
    // fresh server's write path, which Δs, with one warm-up round only, could not do alone.
    figures.retractions = await retractComments({ url: server.url, client, writers, plan: mindPlan, perReader: MIND_CHANGES.retractionsPerRound, warmupSeconds: CANNON.warmupSeconds });
    figures.deltas = await awardDeltas({ url: server.url, client, writers, plan: mindPlan, perReader: MIND_CHANGES.deltasPerRound, warmupRounds: MIND_CHANGES.deltaWarmupRounds });
    figures.restatementAnswers = await answerRestatements({ url: server.url, client, writers, plan: mindPlan, perReader: MIND_CHANGES.deltasPerRound, warmupRounds: MIND_CHANGES.deltaWarmupRounds });
  } catch (error) {
    if (wasInterrupted()) throw error;
    figures.failed = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
    console.error(`\n!!! ${figures.database}: could not measure — ${figures.failed}\n`);
  } finally {
    await server?.stop();
    forgetClient();
    await client?.close().catch(() => undefined);
    if (postgres) {
      forgetPostgres();
      await postgres.stop().catch((error: unknown) => console.error(`stopping PostgreSQL failed: ${String(error)}`));
    }
    forgetDir();
    removeDir(dir);
  }
  return figures;
}

/**
 * For each size: a fresh database holding a thread of that many comments, a fresh `next start`,
 * and every page of the thread read twice (bench/lib/thread-reads.ts).
 */
async function measureReads(dialect: "sqlite" | "postgres", sizes: number[], cacheMb: string | undefined): Promise<ReadFigures[]> {
  const reads: ReadFigures[] = [];
  let postgres: PostgresServer | undefined;
  let forgetPostgres = () => {};
  try {
    if (dialect === "postgres") {
      console.log("  starting PostgreSQL for the reads …");
      postgres = await startPostgres();
      const started = postgres;
      forgetPostgres = onCleanup(() => started.stop());
    }
    for (const size of sizes) for (const encoding of READ_ENCODINGS) {
      const dir = fs.mkdtempSync(path.join(os.tmpdir(), `bench-reads-${dialect}-`));
      const forgetDir = onCleanup(() => removeDir(dir));
      let client: SqlClient | undefined;
      let server: Server | undefined;
      try {
        let databaseUrl: string;
        if (postgres) {
          databaseUrl = await createDatabase({ serverUrl: postgres.url, name: `bench_reads_${size}_${encoding}` });
          await migrateDatabase({ config: { dialect: "postgres", url: databaseUrl } });
          client = await openPostgresClient(databaseUrl);
        } else {
          const file = path.join(dir, "blog.db");
          await migrateDatabase({ config: { dialect: "sqlite", file } });
          databaseUrl = `file:${file}`;
          client = openSqliteClient(file);
        }
        const seedStarted = performance.now();
        if (size > 0) {
          await seedThread(client, ESSAY, planThread({ ...SEED, total: size, topLevel: Math.max(1, Math.round(size / 5)) }));
          await recordInvalidation(client, THREAD_TAGS);
        }
        const seedSeconds = (performance.now() - seedStarted) / 1000;
        await client.close();
        client = undefined;
        const port = await freePort();
        const site = `http://localhost:${port}`;
        const logFile = outPath(`comments-${dialect}-reads-${size}-${encoding}-server.log`);
        server = await startServer({
          cpuProfileDir,
          distDir: DIST_DIR,
          logFile,
          port,
          env: {
            DATABASE_URL: databaseUrl,
            DATA_DIR: dir,
            AUTH_SECRET,
            SITE_URL: site,
            AUTH_URL: site,
            OUTBOX_INTERVAL_SECONDS: "0",
            ...(cacheMb !== undefined ? { CACHE_MEMORY_MB: cacheMb } : {}),
          },
        });
        const figures = await readThreadTwice(server.url, ESSAY, size, encoding);
        reads.push(figures);
        console.log(
          `  ${size.toLocaleString("en-US")} comments, ${encoding} (seeded in ${seedSeconds.toFixed(1)} s): ${figures.pages} pages, ` +
            `first read ${(figures.first.totalMs / 1000).toFixed(2)} s, second ${(figures.second.totalMs / 1000).toFixed(2)} s (${figures.speedup.toFixed(1)}×)`,
        );
      } finally {
        await server?.stop();
        await client?.close().catch(() => undefined);
        forgetDir();
        removeDir(dir);
      }
    }
  } finally {
    if (postgres) {
      forgetPostgres();
      await postgres.stop().catch((error: unknown) => console.error(`stopping PostgreSQL failed: ${String(error)}`));
    }
  }
  return reads;
}

function printReads(results: DbFigures[], cacheMb: string | undefined): void {
  for (const db of results) {
    if (!db.reads?.length) continue;
    printTable(
      `${db.database} — every page of the thread read twice, fresh server per size and encoding (CACHE_MEMORY_MB ${cacheMb ?? "default 256"}; second read right after the first)`,
      READ_HEADERS,
      db.reads.map(readRow),
    );
  }
}

const ms = (n: number) => (Number.isFinite(n) ? (n >= 100 ? n.toFixed(0) : n.toFixed(1)) : "n/a");
const rps = (n: number) => n.toFixed(0);

function printVoting(db: DbFigures): void {
  const v = db.voting;
  if (!v) return;
  const row = (label: string, r: VotingRound) => [
    label,
    r.votesPerSecond.toFixed(1),
    ms(r.latencyP50Ms),
    ms(r.latencyP99Ms),
    ms(r.latencyMeanMs),
    ms(r.latencyMaxMs),
    r.ok200,
    Object.values(r.other).reduce((a, b) => a + b, 0),
    `${r.rows.after - r.rows.before} new ${r.rows.ok ? "✓" : "✗"}`,
    r.wallSeconds.toFixed(2),
  ];
  printTable(
    `${db.database} — POST /api/comments/votes (JSON): rounds of ${v.requests} votes, ${v.concurrency} at a time, on the ${VOTES.seeded.toLocaleString("en-US")}-vote thread`,
    ["round", "votes/s", "p50 ms", "p99 ms", "mean ms", "max ms", "200", "other", "rows", "wall s"],
    [...v.warmupRounds.map((r, k) => row(k === 0 ? "warm-up 1 (cold)" : `warm-up ${k + 1}`, r)), row("measured", v)],
  );
  for (const r of [...v.warmupRounds, v]) {
    if (Object.keys(r.other).length > 0) console.log(`  other answers: ${JSON.stringify(r.other)}\n  ${r.otherSamples.join("\n  ")}`);
  }
}

function printWrites(db: DbFigures, what: string, writes: Writes | undefined): void {
  if (!writes) return;
  const row = (label: string, r: WriteRound) => [
    label,
    r.perSecond.toFixed(1),
    ms(r.latencyP50Ms),
    ms(r.latencyP99Ms),
    ms(r.latencyMeanMs),
    ms(r.latencyMaxMs),
    r.ok,
    Object.values(r.other).reduce((a, b) => a + b, 0),
    `${r.rows.after - r.rows.before} new ${r.rows.ok ? "✓" : "✗"}`,
    r.wallSeconds.toFixed(2),
  ];
  printTable(
    `${db.database} — ${what}: rounds of ${writes.requests}, ${writes.concurrency} at a time, on the 1,000-comment thread`,
    ["round", "writes/s", "p50 ms", "p99 ms", "mean ms", "max ms", "ok", "other", "rows", "wall s"],
    [...writes.warmupRounds.map((r, k) => row(k === 0 ? "warm-up 1 (cold)" : `warm-up ${k + 1}`, r)), row("measured", writes)],
  );
  for (const r of [...writes.warmupRounds, writes]) {
    if (Object.keys(r.other).length > 0) console.log(`  other answers: ${JSON.stringify(r.other)}\n  ${r.otherSamples.join("\n  ")}`);
  }
}

function printResults(results: DbFigures[]): void {
  for (const db of results) {
    if (db.skipped || db.failed || db.pages.length === 0) continue;
    printTable(
      `${db.database} — essay page ${ESSAY} (autocannon ${CANNON.connections} connections, ${CANNON.duration} s after ${CANNON.warmupSeconds} s warm-up, no Accept-Encoding)`,
      ["page", "address", "comments in thread", "shown", "req/s", "p50 ms", "p99 ms", "requests", "non-2xx", "errors", "HTML KB", "HTML KB (gzip)", "inline <script> KB", "1st request ms", "then"],
      db.pages.map((page) => [
        page.label,
        page.path === ESSAY ? "the essay" : page.path.slice(ESSAY.length),
        page.comments.toLocaleString("en-US"),
        page.html.articles,
        rps(page.throughput.requestsPerSecondMean),
        ms(page.throughput.latencyP50Ms),
        ms(page.throughput.latencyP99Ms),
        page.throughput.requestsTotal,
        page.throughput.non2xx,
        page.throughput.errors + page.throughput.timeouts,
        (page.html.raw / 1024).toFixed(1),
        (page.html.gzip / 1024).toFixed(1),
        (page.html.inlineScriptRaw / 1024).toFixed(1),
        ms(page.html.ms),
        page.secondRequest.cache ?? "no cache",
      ]),
    );
    printVoting(db);
    printWrites(db, "POST /api/comments/deltas (JSON), a Δ to a distinct reader each", db.deltas);
    printWrites(db, "POST /api/comments/restatements (JSON), answering a restatement of one's view", db.restatementAnswers);
    printWrites(db, "POST /api/comments/retractions (JSON), retract / undo own replies", db.retractions);
    const p = db.posting;
    if (p) {
      const roundRow = (label: string, r: PostingRound) => [
        label,
        r.commentsPerSecond.toFixed(1),
        ms(r.latencyP50Ms),
        ms(r.latencyP99Ms),
        ms(r.latencyMeanMs),
        ms(r.latencyMaxMs),
        r.created201,
        Object.values(r.other).reduce((a, b) => a + b, 0),
        r.replies,
        `${r.rows.after - r.rows.before} new ${r.rows.ok ? "✓" : "✗"}`,
        r.wallSeconds.toFixed(2),
      ];
      printTable(
        `${db.database} — POST /api/comments: rounds of ${p.requests} comments, ${p.concurrency} at a time (${POSTING.readers} readers × ${POSTING.perReader}, ~${Math.round(POSTING.replyShare * 100)}% replies to seeded comments)`,
        ["round", "comments/s", "p50 ms", "p99 ms", "mean ms", "max ms", "201", "other", "replies", "rows", "wall s"],
        [...p.warmupRounds.map((r, k) => roundRow(k === 0 ? "warm-up 1 (cold)" : `warm-up ${k + 1}`, r)), roundRow("measured", p)],
      );
      for (const r of [...p.warmupRounds, p]) {
        if (Object.keys(r.other).length > 0) console.log(`  other answers: ${JSON.stringify(r.other)}\n  ${r.otherSamples.join("\n  ")}`);
      }
      const rounds = [...p.warmupRounds, p];
      console.log(
        `  rows: ${rounds.map((r) => r.rows.before.toLocaleString("en-US")).join(" → ")} → ${p.rows.after.toLocaleString("en-US")} comments on the essay, ` +
          `each round exactly ${p.rows.expectedNew} new, all by the ${POSTING.readers} readers ${rounds.every((r) => r.rows.ok) ? "✓" : "✗"} ` +
          `(${rounds.map((r) => r.distinctIds).join(", ")} distinct ids in the 201 answers)`,
      );
      console.log(
        `  next page loads: ${p.pageAfter.articles.toLocaleString("en-US")} comments on the thread's ${p.pageAfter.pages} pages (expected ${p.rows.after.toLocaleString("en-US")}) ` +
          `${p.pageAfter.ok ? "✓" : "✗"}, all re-rendered in ${ms(p.pageAfter.ms)} ms`,
      );
      console.log(
        `  queueing: ${p.concurrency} requests in flight ÷ ${p.commentsPerSecond.toFixed(1)} comments/s = ${ms((p.concurrency / p.commentsPerSecond) * 1000)} ms ` +
          `expected mean latency (Little's law) vs ${ms(p.latencyMeanMs)} ms measured: one Node process serves them one after another`,
      );
      console.log(`  warm-up before the rounds (writes nothing): ${p.warmup.requests} POSTs with an empty body → ${JSON.stringify(p.warmup.statuses)}, ${p.warmup.latencyMs.join(", ")} ms`);
    }
  }

  const measured = results.filter((db) => !db.skipped && !db.failed && db.pages.length === 4);
  if (measured.length > 0) {
    printTable(
      "Summary — essay page, side by side (1 KB = 1,024 bytes; gzip level " + GZIP_LEVEL + " computed here)",
      ["database", "page", "req/s", "p50 ms", "p99 ms", "non-2xx", "HTML KB", "HTML KB (gzip)"],
      measured.flatMap((db) =>
        db.pages.map((page) => [
          db.database,
          page.label === "empty"
            ? "essay, no comments"
            : `${page.path === ESSAY ? "essay" : page.path.slice(ESSAY.length)}, ${page.comments.toLocaleString("en-US")}-comment thread${page.label === "thread + votes" ? ` + ${VOTES.seeded.toLocaleString("en-US")} votes` : ""} (${page.html.articles} shown)`,
          rps(page.throughput.requestsPerSecondMean),
          ms(page.throughput.latencyP50Ms),
          ms(page.throughput.latencyP99Ms),
          page.throughput.non2xx,
          (page.html.raw / 1024).toFixed(1),
          (page.html.gzip / 1024).toFixed(1),
        ]),
      ),
    );
    const posted = measured.filter((db) => db.posting);
    if (posted.length > 0) {
      printTable(
        `Summary — posting, the measured round (${POSTING.readers * POSTING.perReader} POSTs, concurrency ${POSTING.readers}; rate limits raised so the endpoint is measured, not the limit)`,
        ["database", "comments/s", "p50 ms", "p99 ms", "201", "other", "rows", "first warm-up round (cold): p50 / p99 ms"],
        posted.map((db) => {
          const p = db.posting!;
          return [
            db.database,
            p.commentsPerSecond.toFixed(1),
            ms(p.latencyP50Ms),
            ms(p.latencyP99Ms),
            p.created201,
            Object.values(p.other).reduce((a, b) => a + b, 0),
            `${p.rows.after - p.rows.before} new ${p.rows.ok ? "✓" : "✗"}`,
            `${ms(p.warmupRounds[0]!.latencyP50Ms)} / ${ms(p.warmupRounds[0]!.latencyP99Ms)}`,
          ];
        }),
      );
    }
    console.log("");
    for (const db of measured) {
      const [empty, thread, later] = db.pages as [PageRun, PageRun, PageRun];
      console.log(
        `Budget: with-thread ÷ empty throughput ≥ ${BUDGET_RATIO} — ${db.database}: ${db.ratio!.toFixed(2)} ` +
          `(${rps(thread.throughput.requestsPerSecondMean)} ÷ ${rps(empty.throughput.requestsPerSecondMean)} req/s) ${db.ratio! >= BUDGET_RATIO ? "within budget" : "MISSED"}` +
          `; a later page (${later.path.slice(ESSAY.length)}): ${db.laterPageRatio!.toFixed(2)}`,
      );
    }
    for (const db of measured) {
      const [empty, , , withVotes] = db.pages as [PageRun, PageRun, PageRun, PageRun];
      console.log(
        `Budget: 1,000-comment thread with ${VOTES.seeded.toLocaleString("en-US")} votes ÷ empty throughput ≥ ${BUDGET_RATIO} — ${db.database}: ${db.votesRatio!.toFixed(2)} ` +
          `(${rps(withVotes.throughput.requestsPerSecondMean)} ÷ ${rps(empty.throughput.requestsPerSecondMean)} req/s) ${db.votesRatio! >= BUDGET_RATIO ? "within budget" : "MISSED"}`,
      );
    }
    for (const db of measured.filter((db) => db.voting)) {
      const v = db.voting!;
      const line = `${db.database}: p99 ${ms(v.latencyP99Ms)} ms in the measured round (p50 ${ms(v.latencyP50Ms)} ms, ${v.votesPerSecond.toFixed(1)} votes/s; cold first round p99 ${ms(v.warmupRounds[0]!.latencyP99Ms)} ms)`;
      if (db.database === "SQLite") console.log(`Budget: casting a vote p99 < ${BUDGET_VOTE_P99_MS} ms at ${v.concurrency} concurrent voters on SQLite — ${line} ${v.latencyP99Ms < BUDGET_VOTE_P99_MS ? "within budget" : "MISSED"}`);
      else console.log(`        (no budget on PostgreSQL; for comparison — ${line})`);
    }
    for (const db of measured) {
      for (const [what, writes] of [["awarding a Δ", db.deltas], ["answering a restatement", db.restatementAnswers], ["retracting or undoing", db.retractions]] as const) {
        if (!writes) continue;
        const line = `${db.database}: p99 ${ms(writes.latencyP99Ms)} ms in the measured round (p50 ${ms(writes.latencyP50Ms)} ms, ${writes.perSecond.toFixed(1)}/s; cold first round p99 ${ms(writes.warmupRounds[0]!.latencyP99Ms)} ms)`;
        if (db.database === "SQLite") console.log(`Budget: ${what} p99 < ${BUDGET_MIND_CHANGE_P99_MS} ms at ${writes.concurrency} concurrent writers on SQLite — ${line} ${writes.latencyP99Ms < BUDGET_MIND_CHANGE_P99_MS ? "within budget" : "MISSED"}`);
        else console.log(`        (no budget on PostgreSQL; for comparison — ${line})`);
      }
    }
    for (const db of posted) {
      const p99 = db.posting!.latencyP99Ms;
      const line =
        `${db.database}: p99 ${ms(p99)} ms in the measured round (p50 ${ms(db.posting!.latencyP50Ms)} ms; ` +
        `the first warm-up round, cold: p50 ${ms(db.posting!.warmupRounds[0]!.latencyP50Ms)} ms, p99 ${ms(db.posting!.warmupRounds[0]!.latencyP99Ms)} ms)`;
      if (db.database === "SQLite") console.log(`Budget: posting p99 < ${BUDGET_POST_P99_MS} ms on SQLite — ${line} ${p99 < BUDGET_POST_P99_MS ? "within budget" : "MISSED"}`);
      else console.log(`        (no budget on PostgreSQL; for comparison — ${line})`);
    }
  }
  for (const db of results) {
    if (db.skipped) console.log(`\n${"!".repeat(100)}\n!!! ${db.database}: SKIPPED — ${db.skipped}\n${"!".repeat(100)}`);
    if (db.failed) console.log(`\n!!! ${db.database}: NOT MEASURED — ${db.failed}`);
  }
}

/** --cpu-prof DIR: every next start of this run is profiled into DIR (bench/lib/processes.ts). */
let cpuProfileDir: string | undefined;

async function main(): Promise<void> {
  const flags = parseFlags(COMMAND, FLAGS);
  const which = flags.db ?? "both";
  if (!["sqlite", "postgres", "both"].includes(which)) fail(COMMAND, FLAGS, `--db expects sqlite, postgres or both, got "${which}"`);
  const sizes = flags.sizes === undefined ? READ_SIZES : flags.sizes.split(",").map((size) => size.trim());
  if (!sizes.every((size) => /^\d+$/.test(String(size)))) fail(COMMAND, FLAGS, `--sizes expects whole numbers separated by commas, got "${flags.sizes}"`);
  const readSizes = sizes.map(Number);
  const cacheMb = flags["cache-mb"];
  if (cacheMb !== undefined && !/^[1-9]\d*$/.test(cacheMb)) fail(COMMAND, FLAGS, `--cache-mb expects a whole number of megabytes, got "${cacheMb}"`);
  const readsOnly = Boolean(flags["reads-only"]);
  if (flags["cpu-prof"] !== undefined) {
    cpuProfileDir = path.resolve(flags["cpu-prof"]);
    if (!fs.statSync(cpuProfileDir, { throwIfNoEntry: false })?.isDirectory()) fail(COMMAND, FLAGS, `--cpu-prof expects an existing directory, got "${flags["cpu-prof"]}" (create it first: mkdir -p ${flags["cpu-prof"]})`);
    console.log(`CPU profiles of every next start go to ${cpuProfileDir} (node --cpu-prof: profiling slows the server, so these figures are not comparable).`);
  }
  const stopWatchingLoad = watchLoad();
  const cpus = os.cpus();
  const machine = {
    cores: cpus.length,
    cpu: cpus[0]?.model ?? "unknown",
    memoryGiB: Math.round((os.totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
  };
  console.log(
    `bench:comments — ${machine.cores} cores (${machine.cpu}), ${machine.memoryGiB} GiB, Node ${machine.node}, ${machine.platform}.\n` +
      `Caveat: this machine's ${machine.cores} cores are shared and noisy; compare figures side by side within one run, not across days.\n` +
      `Server env: COMMENTS_PER_MINUTE=${LIMITS.COMMENTS_PER_MINUTE}, COMMENTS_PER_DAY=${LIMITS.COMMENTS_PER_DAY}, VOTES_PER_MINUTE=${LIMITS.VOTES_PER_MINUTE}, ` +
      `VOTES_PER_DAY=${LIMITS.VOTES_PER_DAY} (so posting and voting measure the endpoint, ` +
      `not the rate limit), OUTBOX_INTERVAL_SECONDS=0, fixed AUTH_SECRET, SITE_URL = AUTH_URL = http://localhost:<port>.`,
  );

  const build = await buildOrReuse({
    name: "comments",
    distDir: DIST_DIR,
    noBuild: Boolean(flags["no-build"]),
    env: () => ({ ...benchAppEnv(), AUTH_SECRET }),
  });
  if (flags.clean) onCleanup(() => removeDir(path.join(ROOT, DIST_DIR)));

  const results: DbFigures[] = [];
  const measure = async (dialect: "sqlite" | "postgres"): Promise<DbFigures> => {
    const figures: DbFigures = readsOnly ? { database: dialect === "sqlite" ? "SQLite" : "PostgreSQL", pages: [] } : await measureDatabase(dialect);
    if (wasInterrupted() || figures.failed) return figures;
    console.log(`  reads: every page of a thread of ${readSizes.map((size) => size.toLocaleString("en-US")).join(", ")} comments, twice …`);
    try {
      figures.reads = await measureReads(dialect, readSizes, cacheMb);
    } catch (error) {
      if (wasInterrupted()) throw error;
      figures.failed = `reads: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`;
      console.error(`\n!!! ${figures.database}: could not measure — ${figures.failed}\n`);
    }
    return figures;
  };
  if (which !== "postgres") {
    console.log("\nSQLite:");
    results.push(await measure("sqlite"));
  }
  if (which !== "sqlite") {
    console.log("\nPostgreSQL:");
    if (!findPostgresBinaries()) {
      const reason = "no PostgreSQL server binaries (initdb and pg_ctl on PATH or under /usr/lib/postgresql/*/bin; apt-get install -y postgresql)";
      console.log(`\n${"!".repeat(100)}\n!!! PostgreSQL: SKIPPED — ${reason}\n${"!".repeat(100)}`);
      results.push({ database: "PostgreSQL", skipped: reason, pages: [] });
    } else {
      results.push(await measure("postgres"));
    }
  }

  printResults(results);
  printReads(results, cacheMb);
  const load = stopWatchingLoad();
  console.log(
    `\nLoad average (1 min): ${load.atStart} at start, ${load.highest} at most, ${load.atEnd} at end, on ${machine.cores} cores` +
      ` (above ~${machine.cores}, other work shared the machine: compare times only side by side).`,
  );
  const file = writeJson("comments", {
    measuredAt: new Date().toISOString(),
    machine,
    loadAverage1m: load,
    gzipLevel: GZIP_LEVEL,
    kilobyte: 1024,
    distDir: DIST_DIR,
    buildSeconds: build?.seconds,
    essay: ESSAY,
    serverEnv: { ...LIMITS, OUTBOX_INTERVAL_SECONDS: "0" },
    autocannon: CANNON,
    seedPlan: SEED,
    posting: POSTING,
    reads: { sizes: readSizes, cacheMemoryMb: cacheMb ?? "default", readsOnly },
    votes: VOTES,
    budgets: { threadOverEmptyThroughputAtLeast: BUDGET_RATIO, sqlitePostingP99BelowMs: BUDGET_POST_P99_MS, sqliteVoteP99BelowMs: BUDGET_VOTE_P99_MS },
    databases: results,
  });
  console.log(`\nJSON: ${file}`);
  if (results.some((db) => db.failed)) process.exitCode = 1;
}

main()
  .catch((error: unknown) => {
    if (wasInterrupted()) return;
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  })
  .finally(runCleanups);
