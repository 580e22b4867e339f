// npm run bench:page [-- --no-build]
//
// Builds the site once into .next-bench, starts it, and for an essay page and the
// home page, side by side, prints:
//   - the HTML's size, raw and gzip;
//   - the JavaScript and CSS a real browser loads: Chromium (Playwright) opens the
//     page and every script and stylesheet response is recorded, then each file is
//     fetched again and measured raw and gzip (level 9);
//   - the budget line "JavaScript gzip <= 140 KB" with the measured figure;
//   - serving throughput with autocannon (10 connections, 10 s).
// Figures only: it never fails on a number. Results also go to bench/out/page.json.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import autocannon, { type Result as CannonResult } from "autocannon";
import { chromium, type Browser } from "@playwright/test";
import { parseFlags, type FlagSpec } from "./lib/args";
import { CHROME_ARGS, CHROME_PATH } from "./lib/chrome";
import { ROOT, watchLoad, writeJson } from "./lib/out";
import { onCleanup, runCleanups, wasInterrupted } from "./lib/processes";
import { buildAndStart } from "./lib/site";
import { GZIP_LEVEL, gzipSize, kb } from "./lib/size";
import { printTable } from "./lib/table";

const COMMAND = "npm run bench:page --";
const FLAGS = {
  "no-build": { type: "boolean", help: "reuse the build in .next-bench instead of building again" },
  clean: { type: "boolean", help: "remove .next-bench afterwards (then the next run must build)" },
} satisfies Record<string, FlagSpec>;

const PAGES = [
  { label: "essay", path: "/leftlibertarian/08/23/because-killing-them-all-is-not-an-option", route: "/[section]/[month]/[day]/[slug]" },
  { label: "home", path: "/", route: "/" },
] as const;

const BUDGET_JS_GZIP_BYTES = 140 * 1024;
const CANNON = { connections: 10, duration: 10, warmupSeconds: 2 };

type Asset = { url: string; type: "script" | "stylesheet"; status: number; servedEncoding: string | null; raw: number; gzip: number; afterLoad: boolean };

type PageFigures = {
  label: string;
  path: string;
  status: number;
  html: { raw: number; gzip: number; inlineScriptRaw: number; inlineScriptGzip: number };
  js: { files: number; raw: number; gzip: number };
  css: { files: number; raw: number; gzip: number };
  nextRouteBundleStatsJsRaw?: number;
  assets: Asset[];
  throughput?: {
    requestsPerSecondMean: number;
    latencyP50Ms: number;
    latencyP99Ms: number;
    requestsTotal: number;
    non2xx: number;
    errors: number;
    timeouts: number;
  };
};

async function bytesOf(url: string): Promise<{ status: number; body: Buffer }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  // fetch undoes any Content-Encoding: these are the bytes the browser parses.
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
}

function inlineScripts(html: string): string {
  let total = "";
  for (const match of html.matchAll(/<script\b(?![^>]*\ssrc=)[^>]*>([\s\S]*?)<\/script>/gi)) total += match[1];
  return total;
}

/** Opens the page in a fresh browser context (cold cache) and records every script and stylesheet response. */
async function loadedAssets(browser: Browser, url: string): Promise<Omit<Asset, "raw" | "gzip">[]> {
  const context = await browser.newContext();
  try {
    const page = await context.newPage();
    const seen = new Map<string, Omit<Asset, "raw" | "gzip">>();
    let loaded = false;
    page.on("response", (response) => {
      const type = response.request().resourceType();
      if ((type === "script" || type === "stylesheet") && !seen.has(response.url())) {
        seen.set(response.url(), {
          url: response.url(),
          type,
          status: response.status(),
          servedEncoding: response.headers()["content-encoding"] ?? null,
          afterLoad: loaded,
        });
      }
    });
    await page.goto(url, { waitUntil: "load", timeout: 60_000 });
    loaded = true;
    // Whatever the page fetches after `load` (route prefetches, lazy chunks) counts too: the browser loads it.
    await page.waitForLoadState("networkidle", { timeout: 30_000 }).catch(() => {});
    await page.waitForTimeout(1000);
    return [...seen.values()];
  } finally {
    await context.close();
  }
}

function routeBundleStats(distDir: string): Map<string, number> {
  const file = path.join(ROOT, distDir, "diagnostics", "route-bundle-stats.json");
  const stats = new Map<string, number>();
  try {
    const rows = JSON.parse(fs.readFileSync(file, "utf8")) as { route: string; firstLoadUncompressedJsBytes: number }[];
    for (const row of rows) stats.set(row.route, row.firstLoadUncompressedJsBytes);
  } catch {
    // Not every Next version writes it; the browser's figure is the one that matters.
  }
  return stats;
}

async function throughput(url: string): Promise<NonNullable<PageFigures["throughput"]>> {
  await autocannon({ url, connections: CANNON.connections, duration: CANNON.warmupSeconds });
  const result: CannonResult = await autocannon({ url, connections: CANNON.connections, duration: CANNON.duration });
  return {
    requestsPerSecondMean: result.requests.mean,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    requestsTotal: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

async function main(): Promise<void> {
  const flags = parseFlags(COMMAND, FLAGS);
  const stopWatchingLoad = watchLoad();
  const { server, build, distDir } = await buildAndStart({ name: "page", noBuild: Boolean(flags["no-build"]) });
  if (flags.clean) onCleanup(() => fs.rmSync(path.join(ROOT, distDir), { recursive: true, force: true }));

  const stats = routeBundleStats(distDir);
  const figures: PageFigures[] = [];

  console.log(`Loading each page in Chromium (${CHROME_PATH}) …`);
  const browser = await chromium.launch({ executablePath: CHROME_PATH, args: CHROME_ARGS });
  const closeBrowser = onCleanup(() => browser.close());
  try {
    for (const target of PAGES) {
      const url = server.url + target.path;
      const html = await bytesOf(url);
      const inline = inlineScripts(html.body.toString("utf8"));
      const assets: Asset[] = [];
      for (const asset of await loadedAssets(browser, url)) {
        const { body } = await bytesOf(asset.url);
        assets.push({ ...asset, raw: body.length, gzip: gzipSize(body) });
      }
      const sum = (type: Asset["type"]) => {
        const list = assets.filter((asset) => asset.type === type);
        return { files: list.length, raw: list.reduce((n, a) => n + a.raw, 0), gzip: list.reduce((n, a) => n + a.gzip, 0) };
      };
      figures.push({
        label: target.label,
        path: target.path,
        status: html.status,
        html: { raw: html.body.length, gzip: gzipSize(html.body), inlineScriptRaw: Buffer.byteLength(inline), inlineScriptGzip: gzipSize(inline) },
        js: sum("script"),
        css: sum("stylesheet"),
        nextRouteBundleStatsJsRaw: stats.get(target.route),
        assets,
      });
    }
  } finally {
    closeBrowser();
    await browser.close();
  }

  for (const page of figures) {
    console.log(`autocannon ${page.path}: ${CANNON.connections} connections, ${CANNON.warmupSeconds} s warm-up then ${CANNON.duration} s …`);
    page.throughput = await throughput(server.url + page.path);
  }
  await server.stop();

  const bytes = (n: number) => `${n.toLocaleString("en-US")} B (${kb(n)})`;
  const column = (pick: (page: PageFigures) => string) => figures.map(pick);
  printTable(
    `Page weight (gzip level ${GZIP_LEVEL} computed here; 1 KB = 1,024 bytes)`,
    ["", ...figures.map((page) => `${page.label} ${page.path.length > 30 ? page.path.slice(0, 27) + "…" : page.path}`)],
    [
      ["HTTP status", ...column((p) => String(p.status))],
      ["HTML raw", ...column((p) => bytes(p.html.raw))],
      ["HTML gzip", ...column((p) => bytes(p.html.gzip))],
      ["  of it inline <script> raw", ...column((p) => bytes(p.html.inlineScriptRaw))],
      ["JS files loaded", ...column((p) => String(p.js.files))],
      ["JS raw", ...column((p) => bytes(p.js.raw))],
      ["JS gzip", ...column((p) => bytes(p.js.gzip))],
      ["  of it loaded after `load`", ...column((p) => bytes(p.assets.filter((a) => a.type === "script" && a.afterLoad).reduce((n, a) => n + a.gzip, 0)) + " gz")],
      ["CSS files loaded", ...column((p) => String(p.css.files))],
      ["CSS raw", ...column((p) => bytes(p.css.raw))],
      ["CSS gzip", ...column((p) => bytes(p.css.gzip))],
      ["Next route-bundle-stats JS raw", ...column((p) => (p.nextRouteBundleStatsJsRaw === undefined ? "n/a" : bytes(p.nextRouteBundleStatsJsRaw)))],
    ],
  );
  printTable(
    `Serving (autocannon, ${CANNON.connections} connections, ${CANNON.duration} s, no Accept-Encoding; after a ${CANNON.warmupSeconds} s warm-up)`,
    ["", ...figures.map((page) => page.label)],
    [
      ["requests/s (mean)", ...column((p) => p.throughput!.requestsPerSecondMean.toFixed(0))],
      ["latency p50", ...column((p) => `${p.throughput!.latencyP50Ms} ms`)],
      ["latency p99", ...column((p) => `${p.throughput!.latencyP99Ms} ms`)],
      ["requests total", ...column((p) => String(p.throughput!.requestsTotal))],
      ["non-2xx", ...column((p) => String(p.throughput!.non2xx))],
      ["errors / timeouts", ...column((p) => `${p.throughput!.errors} / ${p.throughput!.timeouts}`)],
    ],
  );
  console.log("");
  for (const page of figures) {
    const within = page.js.gzip <= BUDGET_JS_GZIP_BYTES;
    console.log(
      `Budget: JavaScript gzip ≤ 140 KB — ${page.label}: ${kb(page.js.gzip)} (${page.js.gzip.toLocaleString("en-US")} B) ${within ? "within" : "OVER"} budget by ${kb(Math.abs(BUDGET_JS_GZIP_BYTES - page.js.gzip))}`,
    );
  }
  const load = stopWatchingLoad();
  console.log(
    `\nLoad average (1 min): ${load.atStart} at start, ${load.highest} at most, ${load.atEnd} at end, on ${os.cpus().length} cores` +
      ` (above ~${os.cpus().length}, other work shared the machine: compare times only side by side).`,
  );
  const file = writeJson("page", {
    measuredAt: new Date().toISOString(),
    loadAverage1m: load,
    gzipLevel: GZIP_LEVEL,
    kilobyte: 1024,
    budget: { jsGzipBytes: BUDGET_JS_GZIP_BYTES },
    distDir,
    buildSeconds: build?.seconds,
    autocannon: CANNON,
    pages: figures,
  });
  console.log(`\nJSON: ${file}`);
}

main()
  .catch((error: unknown) => {
    if (wasInterrupted()) return;
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  })
  .finally(runCleanups);
