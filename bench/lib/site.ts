// Build (unless --no-build) and start the site for a benchmark that browses it.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { outPath, ROOT } from "./out";
import { nextBuild, onCleanup, removeDir, startServer, type BuildResult, type Server } from "./processes";

/** Where bench:page and bench:lighthouse build: beside `.next`, never over it. */
export const BENCH_DIST_DIR = ".next-bench";

/**
 * A throwaway DATA_DIR (the SQLite database) so a benchmark server never opens
 * the developers' data/blog.db; left alone if DATA_DIR or DATABASE_URL is set.
 */
export function benchDataEnv(): Record<string, string> {
  if (process.env.DATA_DIR || process.env.DATABASE_URL) return {};
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bench-data-"));
  onCleanup(() => removeDir(dir));
  return { DATA_DIR: dir };
}

export async function buildAndStart(options: {
  name: string;
  noBuild: boolean;
  distDir?: string;
}): Promise<{ server: Server; build?: BuildResult; distDir: string }> {
  const distDir = options.distDir ?? BENCH_DIST_DIR;
  const env = benchDataEnv();
  let build: BuildResult | undefined;
  if (options.noBuild) {
    if (!fs.existsSync(path.join(ROOT, distDir, "BUILD_ID"))) {
      throw new Error(`--no-build: there is no build in ${distDir}; run once without --no-build`);
    }
    console.log(`Reusing the build in ${distDir} (--no-build).`);
  } else {
    const logFile = outPath(`${options.name}-build.log`);
    console.log(`Building into ${distDir} (next build; log: ${path.relative(process.cwd(), logFile)}) …`);
    build = await nextBuild({ distDir, logFile, env });
    console.log(`Built in ${build.seconds.toFixed(1)} s.`);
  }
  const logFile = outPath(`${options.name}-server.log`);
  const server = await startServer({ distDir, logFile, env });
  console.log(`Serving ${distDir} at ${server.url} (next start, pid ${server.pid}; log: ${path.relative(process.cwd(), logFile)}).`);
  return { server, build, distDir };
}
