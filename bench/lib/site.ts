// Build (unless --no-build) and start the site for a benchmark that browses it.
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { outPath, ROOT } from "./out";
import { freePort, nextBuild, onCleanup, removeDir, startServer, type BuildResult, type Server } from "./processes";

/** Where bench:page and bench:lighthouse build: beside `.next`, never over it. */
export const BENCH_DIST_DIR = ".next-bench";

/**
 * What the app needs to build and serve, kept apart from the developers' own:
 * a throwaway DATA_DIR (the SQLite database) in the OS temp dir with the committed
 * migrations applied (`scripts/db-migrate.ts`, as `npm start` does: the build
 * prerenders pages that query it), and a random AUTH_SECRET for this run.
 * If DATA_DIR or DATABASE_URL is set, that database is used as it is (not migrated);
 * a set AUTH_SECRET is kept.
 */
export function benchAppEnv(): Record<string, string> {
  const env: Record<string, string> = {};
  if (!process.env.AUTH_SECRET) env.AUTH_SECRET = randomBytes(33).toString("base64");
  if (process.env.DATA_DIR || process.env.DATABASE_URL) return env;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-data-"));
  onCleanup(() => removeDir(dir));
  env.DATA_DIR = dir;
  const migrate = spawnSync(path.join(ROOT, "node_modules", ".bin", "tsx"), ["scripts/db-migrate.ts"], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: "utf8",
    timeout: 120_000,
  });
  if (migrate.status !== 0) {
    throw new Error(`scripts/db-migrate.ts failed for the benchmark's database in ${dir}:\n${migrate.stderr || migrate.stdout || migrate.error?.message}`);
  }
  return env;
}

export async function buildAndStart(options: {
  name: string;
  noBuild: boolean;
  distDir?: string;
}): Promise<{ server: Server; build?: BuildResult; distDir: string }> {
  const distDir = options.distDir ?? BENCH_DIST_DIR;
  const env = benchAppEnv();
  let build: BuildResult | undefined;
  if (options.noBuild) {
    if (!fs.existsSync(path.join(ROOT, distDir, "BUILD_ID"))) {
      throw new Error(`--no-build: there is no build in ${distDir}; run once without --no-build`);
    }
    console.log(`Reusing the build in ${distDir} (--no-build).`);
  } else {
    const logFile = outPath(`${options.name}-build.log`);
    console.log(`Building into ${distDir} (next build; log: ${path.relative(process.cwd(), logFile)}) …`);
    try {
      build = await nextBuild({ distDir, logFile, env });
    } catch (error) {
      // A failed build leaves a half-written dist dir that --no-build would take for a build.
      removeDir(path.join(ROOT, distDir));
      throw error;
    }
    console.log(`Built in ${build.seconds.toFixed(1)} s.`);
  }
  const logFile = outPath(`${options.name}-server.log`);
  const port = await freePort();
  // As `npm start` does (it pins AUTH_URL to SITE_URL): Auth.js refuses an unpinned host in production.
  const authUrl = process.env.AUTH_URL ? {} : { AUTH_URL: `http://localhost:${port}` };
  const server = await startServer({ distDir, logFile, port, env: { ...env, ...authUrl } });
  console.log(`Serving ${distDir} at ${server.url} (next start, pid ${server.pid}; log: ${path.relative(process.cwd(), logFile)}).`);
  return { server, build, distDir };
}
