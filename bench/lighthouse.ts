// npm run bench:lighthouse [-- --runs N] [--no-build]
//
// Builds into .next-bench (unless --no-build), starts the site, and runs Lighthouse
// 12 N times (default 3) on an essay page as a phone (Lighthouse's default config)
// and N times as a desktop (desktop-config.js), each run in a fresh headless
// Chromium. Prints the median of each category score and of LCP, TBT and CLS per
// form factor, and every failing audit (score < 1) of the accessibility,
// best-practices and SEO categories with the elements Lighthouse names.
// Figures only: it never fails on a score. Results also go to bench/out/lighthouse.json.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import lighthouse, { desktopConfig } from "lighthouse";
import * as chromeLauncher from "chrome-launcher";
import { parseFlags, positiveInteger, type FlagSpec } from "./lib/args";
import { CHROME_ARGS, CHROME_PATH } from "./lib/chrome";
import { median, outPath, ROOT, watchLoad, writeJson } from "./lib/out";
import { onCleanup, runCleanups, wasInterrupted } from "./lib/processes";
import { buildAndStart } from "./lib/site";
import { failingAudits, type Failing, type Lhr } from "./lib/lighthouse-audits";
import { printTable } from "./lib/table";

const COMMAND = "npm run bench:lighthouse --";
const FLAGS = {
  runs: { type: "string", value: "N", help: "Lighthouse runs per form factor (a positive whole number; default 3)" },
  "no-build": { type: "boolean", help: "reuse the build in .next-bench instead of building again" },
  clean: { type: "boolean", help: "remove .next-bench afterwards (then the next run must build)" },
} satisfies Record<string, FlagSpec>;

const PAGE = "/leftlibertarian/08/23/because-killing-them-all-is-not-an-option";
const CATEGORIES = ["performance", "accessibility", "best-practices", "seo"] as const;
const FORM_FACTORS = [
  { name: "mobile", config: undefined },
  { name: "desktop", config: desktopConfig },
] as const;


type RunSummary = {
  formFactor: string;
  run: number;
  scores: Record<string, number | null>;
  lcpMs?: number;
  tbtMs?: number;
  cls?: number;
  runWarnings: string[];
  runtimeError?: string;
};


async function runOnce(url: string, formFactor: (typeof FORM_FACTORS)[number], run: number): Promise<{ summary: RunSummary; lhr: Lhr }> {
  const chrome = await chromeLauncher.launch({
    chromePath: CHROME_PATH,
    chromeFlags: ["--headless=new", ...CHROME_ARGS],
    handleSIGINT: false, // ours kills the server too
    logLevel: "silent",
  });
  const unregister = onCleanup(() => chrome.kill());
  try {
    const result = await lighthouse(
      url,
      { port: chrome.port, output: "json", logLevel: "error", onlyCategories: [...CATEGORIES] },
      formFactor.config,
    );
    if (!result) throw new Error("Lighthouse returned no result");
    const lhr = result.lhr;
    const scores: Record<string, number | null> = {};
    for (const category of CATEGORIES) {
      const score = lhr.categories[category]?.score;
      scores[category] = score === null || score === undefined ? null : Math.round(score * 100);
    }
    return {
      lhr,
      summary: {
        formFactor: formFactor.name,
        run,
        scores,
        lcpMs: lhr.audits["largest-contentful-paint"]?.numericValue,
        tbtMs: lhr.audits["total-blocking-time"]?.numericValue,
        cls: lhr.audits["cumulative-layout-shift"]?.numericValue,
        runWarnings: lhr.runWarnings,
        runtimeError: lhr.runtimeError?.message,
      },
    };
  } finally {
    unregister();
    await chrome.kill();
  }
}

async function main(): Promise<void> {
  const flags = parseFlags(COMMAND, FLAGS);
  const stopWatchingLoad = watchLoad();
  const runs = positiveInteger(COMMAND, FLAGS, "runs", flags.runs, 3);
  const { server, build, distDir } = await buildAndStart({ name: "lighthouse", noBuild: Boolean(flags["no-build"]) });
  if (flags.clean) onCleanup(() => fs.rmSync(path.join(ROOT, distDir), { recursive: true, force: true }));
  const url = server.url + PAGE;

  const summaries: RunSummary[] = [];
  const failing: Failing[] = [];
  for (const formFactor of FORM_FACTORS) {
    const lhrs: Lhr[] = [];
    for (let run = 1; run <= runs; run++) {
      process.stdout.write(`Lighthouse ${formFactor.name} run ${run}/${runs} … `);
      const { summary, lhr } = await runOnce(url, formFactor, run);
      console.log(CATEGORIES.map((c) => `${c} ${summary.scores[c] ?? "–"}`).join(", "));
      for (const warning of summary.runWarnings) console.log(`  warning: ${warning}`);
      if (summary.runtimeError) console.log(`  runtime error: ${summary.runtimeError}`);
      fs.writeFileSync(outPath(`lighthouse-${formFactor.name}-${run}.json`), JSON.stringify(lhr));
      summaries.push(summary);
      lhrs.push(lhr);
    }
    failing.push(...failingAudits(formFactor.name, lhrs, CATEGORIES.filter((c) => c !== "performance")));
  }
  await server.stop();

  const medians = FORM_FACTORS.map((formFactor) => {
    const mine = summaries.filter((s) => s.formFactor === formFactor.name);
    const of = (values: (number | null | undefined)[]) => {
      const numbers = values.filter((v): v is number => typeof v === "number");
      return numbers.length > 0 ? median(numbers) : undefined;
    };
    return {
      formFactor: formFactor.name,
      scores: Object.fromEntries(CATEGORIES.map((c) => [c, of(mine.map((s) => s.scores[c]))])),
      range: Object.fromEntries(
        CATEGORIES.map((c) => {
          const values = mine.map((s) => s.scores[c]).filter((v): v is number => typeof v === "number");
          return [c, values.length > 0 ? `${Math.min(...values)}–${Math.max(...values)}` : "–"];
        }),
      ),
      lcpMs: of(mine.map((s) => s.lcpMs)),
      tbtMs: of(mine.map((s) => s.tbtMs)),
      cls: of(mine.map((s) => s.cls)),
    };
  });

  const show = (value: number | undefined, format: (n: number) => string) => (value === undefined ? "–" : format(value));
  printTable(
    `Lighthouse 12 on ${PAGE}: median of ${runs} run${runs === 1 ? "" : "s"} per form factor (range in brackets)`,
    ["", ...medians.map((m) => m.formFactor)],
    [
      ...CATEGORIES.map((c) => [c, ...medians.map((m) => `${show(m.scores[c], (n) => String(n))} (${m.range[c]})`)]),
      ["LCP", ...medians.map((m) => show(m.lcpMs, (n) => `${(n / 1000).toFixed(2)} s`))],
      ["TBT", ...medians.map((m) => show(m.tbtMs, (n) => `${n.toFixed(0)} ms`))],
      ["CLS", ...medians.map((m) => show(m.cls, (n) => n.toFixed(3)))],
    ],
  );

  console.log(`\nFailing audits (score < 1) in accessibility, best-practices and SEO:`);
  if (failing.length === 0) console.log("  none");
  for (const audit of failing) {
    console.log(
      `\n  [${audit.formFactor}] ${audit.category} › ${audit.id}: ${audit.title}` +
        ` (score ${audit.scores.join(", ")} in ${audit.scores.length}/${runs} runs; weight ${audit.weight}${audit.displayValue ? `; ${audit.displayValue}` : ""})`,
    );
    for (const element of audit.elements.slice(0, 10)) console.log(`    - ${element}`);
    if (audit.elements.length > 10) console.log(`    … and ${audit.elements.length - 10} more (see the JSON)`);
  }
  const load = stopWatchingLoad();
  console.log(
    `\nLoad average (1 min): ${load.atStart} at start, ${load.highest} at most, ${load.atEnd} at end, on ${os.cpus().length} cores` +
      ` (above ~${os.cpus().length}, other work shared the machine: compare times only side by side).`,
  );
  const file = writeJson("lighthouse", {
    measuredAt: new Date().toISOString(),
    loadAverage1m: load,
    lighthouse: "12.2.3",
    url: PAGE,
    runs,
    distDir,
    buildSeconds: build?.seconds,
    chromePath: CHROME_PATH,
    medians,
    summaries,
    failing,
  });
  console.log(`\nJSON: ${file} (each full report: bench/out/lighthouse-<form factor>-<run>.json)`);
}

main()
  .catch((error: unknown) => {
    if (wasInterrupted()) return;
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  })
  .finally(runCleanups);
