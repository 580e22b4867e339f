// npm run bench:build [-- --essays N] [--keep]
//
// Generates N synthetic essays (default 100) in a temporary content folder, runs a
// production build of the site over them (CONTENT_DIR=<folder>, NEXT_DIST_DIR=.next-bench-build),
// and prints the build's wall time, milliseconds per essay, pages generated and peak memory.
// Removes the folder and the dist dir afterwards unless --keep. Figures only, never a verdict.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseFlags, positiveInteger, type FlagSpec } from "./lib/args";
import { outPath, ROOT, watchLoad, writeJson } from "./lib/out";
import { nextBuild, onCleanup, removeDir, runCleanups, wasInterrupted } from "./lib/processes";
import { benchAppEnv } from "./lib/site";
import { generateEssays } from "./lib/synthetic";
import { printTable } from "./lib/table";

const COMMAND = "npm run bench:build --";
const FLAGS = {
  essays: { type: "string", value: "N", help: "how many synthetic essays to build (a positive whole number; default 100)" },
  keep: { type: "boolean", help: "keep the generated essays and the dist dir (.next-bench-build) for a look" },
} satisfies Record<string, FlagSpec>;

const DIST_DIR = ".next-bench-build";

function countHtml(dir: string): number {
  if (!fs.existsSync(dir)) return 0;
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".html")).length;
}

const mb = (bytes: number | undefined) => (bytes === undefined ? "n/a" : `${(bytes / 1024 / 1024).toFixed(0)} MB`);

async function main(): Promise<void> {
  const flags = parseFlags(COMMAND, FLAGS);
  const stopWatchingLoad = watchLoad();
  const essays = positiveInteger(COMMAND, FLAGS, "essays", flags.essays, 100);
  const keep = Boolean(flags.keep);

  const contentDir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-essays-"));
  const distPath = path.join(ROOT, DIST_DIR);
  if (!keep) {
    onCleanup(() => removeDir(contentDir));
    onCleanup(() => removeDir(distPath));
  }
  removeDir(distPath); // a stale build would be counted otherwise

  const generated = generateEssays(contentDir, essays);
  console.log(
    `Generated ${generated.files} essays (${generated.words.toLocaleString("en-US")} words, ${(generated.bytes / 1024 / 1024).toFixed(1)} MB) in ${contentDir}`,
  );
  const logFile = outPath("build-build.log");
  console.log(`next build (CONTENT_DIR=${contentDir}, NEXT_DIST_DIR=${DIST_DIR}; log: ${path.relative(process.cwd(), logFile)}) …`);
  const build = await nextBuild({ distDir: DIST_DIR, logFile, env: { CONTENT_DIR: contentDir, ...benchAppEnv() } });
  const pages = countHtml(path.join(distPath, "server", "app"));
  // Next's own count includes what is not .html: OG images, feeds, sitemap, robots.txt.
  const nextStatic = /Generating static pages[^(]*\((\d+)\/\d+\)/.exec(
    fs.readFileSync(logFile, "utf8").split("\n").reverse().find((line) => line.includes("Generating static pages")) ?? "",
  )?.[1];
  const perEssayMs = (build.seconds * 1000) / essays;

  printTable(`Production build of ${essays} synthetic essays (${os.cpus().length} cores, ${(os.totalmem() / 1024 ** 3).toFixed(0)} GB)`, ["", "value"], [
    ["total", `${build.seconds.toFixed(1)} s`],
    ["per essay", `${perEssayMs.toFixed(1)} ms`],
    ["pages generated (.html under server/app)", String(pages)],
    ["static routes Next generated (all kinds)", nextStatic ?? "n/a"],
    ["peak RSS, next build + workers summed", mb(build.peakRssBytes)],
    ["peak RSS, largest single process", mb(build.peakProcessRssBytes)],
  ]);
  const load = stopWatchingLoad();
  console.log(
    `\nLoad average (1 min): ${load.atStart} at start, ${load.highest} at most, ${load.atEnd} at end, on ${os.cpus().length} cores` +
      ` (above ~${os.cpus().length}, other work shared the machine: compare times only side by side).`,
  );
  const file = writeJson("build", {
    measuredAt: new Date().toISOString(),
    loadAverage1m: load,
    essays,
    generatedWords: generated.words,
    generatedBytes: generated.bytes,
    seconds: build.seconds,
    perEssayMs,
    htmlPages: pages,
    nextStaticRoutes: nextStatic === undefined ? undefined : Number(nextStatic),
    peakRssBytes: build.peakRssBytes,
    peakProcessRssBytes: build.peakProcessRssBytes,
    cpus: os.cpus().length,
    kept: keep ? { contentDir, distDir: DIST_DIR } : undefined,
  });
  console.log(`\nJSON: ${file}`);
  if (keep) console.log(`Kept (--keep): ${contentDir} and ${DIST_DIR}`);
}

main()
  .catch((error: unknown) => {
    if (wasInterrupted()) return;
    console.error(error instanceof Error ? (error.stack ?? error.message) : error);
    process.exitCode = 1;
  })
  .finally(runCleanups);
