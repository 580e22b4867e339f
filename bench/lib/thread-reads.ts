// bench:comments' read measurement (issue 12 item 13, decision 023): a thread of N comments on a
// fresh database and a fresh `next start`, every page of it read twice by following the thread's
// "next" links. The first read renders each page; the second, moments later, must come from the cache.
import { httpGet } from "./http-get";
import { percentile } from "./load";

export type PageRead = { path: string; ms: number; cache: string | null; articles: number };
export type ThreadRead = { pages: PageRead[]; totalMs: number; articles: number; distinct: number };
// Each size is read on two fresh servers: asking for gzip as a browser does (Next compresses every
// response anew, cached or not), and without, as the req/s figures' autocannon asks, so the cache's
// own effect shows apart from the compression both reads pay (decision 044).
export const READ_ENCODINGS = ["gzip", "identity"] as const;
export type ReadEncoding = (typeof READ_ENCODINGS)[number];

export type ReadFigures = {
  comments: number;
  encoding: ReadEncoding;
  pages: number;
  first: ThreadRead;
  second: ThreadRead;
  /** first.totalMs ÷ second.totalMs */
  speedup: number;
};

const articleIds = (html: string) => [...html.matchAll(/<article id="comment-(\d+)"/g)].map((match) => Number(match[1]));

const cacheHeader = (value: string | string[] | undefined) => (Array.isArray(value) ? value.join(", ") : (value ?? null));

/** Follows the thread from its first page (the essay) to its last, timing each page. */
export async function readThread(baseUrl: string, essayPath: string, encoding: ReadEncoding): Promise<ThreadRead> {
  const pages: PageRead[] = [];
  const ids: number[] = [];
  let next: string | undefined = essayPath;
  while (next && pages.length < 5000) {
    const started = performance.now();
    const { status, headers, body: html } = await httpGet(baseUrl + next, encoding);
    const ms = performance.now() - started;
    if (status !== 200) throw new Error(`GET ${next} answered ${status}, not 200`);
    const onPage = articleIds(html);
    ids.push(...onPage);
    pages.push({ path: next, ms, cache: cacheHeader(headers["x-nextjs-cache"]), articles: onPage.length });
    // The thread's own page navigation: the essay's "next essay" link is rel="next" too.
    next = html.split('<nav class="thread-pages"')[1]?.match(/<a href="([^"#]+)(?:#[^"]*)?" rel="next"/)?.[1];
  }
  return { pages, totalMs: pages.reduce((sum, page) => sum + page.ms, 0), articles: ids.length, distinct: new Set(ids).size };
}

/** Both reads of one thread; throws when a read does not show every comment once (a broken benchmark). */
export async function readThreadTwice(baseUrl: string, essayPath: string, comments: number, encoding: ReadEncoding): Promise<ReadFigures> {
  const first = await readThread(baseUrl, essayPath, encoding);
  const second = await readThread(baseUrl, essayPath, encoding);
  for (const [label, read] of [["first", first], ["second", second]] as const) {
    if (read.articles !== comments || read.distinct !== comments) {
      throw new Error(`the ${label} read shows ${read.articles} comments (${read.distinct} distinct), not the ${comments} seeded`);
    }
  }
  return { comments, encoding, pages: first.pages.length, first, second, speedup: first.totalMs / second.totalMs };
}

const cacheCounts = (read: ThreadRead) => {
  const counts: Record<string, number> = {};
  for (const page of read.pages) counts[page.cache ?? "none"] = (counts[page.cache ?? "none"] ?? 0) + 1;
  return Object.entries(counts)
    .map(([cache, n]) => `${n} ${cache}`)
    .join(", ");
};

/** One row per thread size: the first and the second read side by side. */
export function readRow(figures: ReadFigures): (string | number)[] {
  const ms = (read: ThreadRead, p: number) => percentile(read.pages.map((page) => page.ms), p).toFixed(1);
  return [
    figures.comments.toLocaleString("en-US"),
    figures.encoding,
    figures.pages,
    (figures.first.totalMs / 1000).toFixed(2),
    (figures.second.totalMs / 1000).toFixed(2),
    `${figures.speedup.toFixed(1)}×`,
    `${ms(figures.first, 50)} / ${ms(figures.first, 99)}`,
    `${ms(figures.second, 50)} / ${ms(figures.second, 99)}`,
    cacheCounts(figures.first),
    cacheCounts(figures.second),
  ];
}

export const READ_HEADERS = [
  "comments",
  "encoding",
  "pages",
  "1st read s",
  "2nd read s",
  "1st ÷ 2nd",
  "1st p50 / p99 ms",
  "2nd p50 / p99 ms",
  "1st x-nextjs-cache",
  "2nd x-nextjs-cache",
];
