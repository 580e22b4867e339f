// Build once into a benchmark's own dist dir, or reuse the build there (--no-build).
// The build half of bench/lib/site.ts's buildAndStart, for benchmarks that start
// their own servers (bench:comments starts one per database).
import fs from "node:fs";
import path from "node:path";
import { outPath, ROOT } from "./out";
import { nextBuild, removeDir, type BuildResult } from "./processes";

export async function buildOrReuse(options: {
  /** Names the build log: bench/out/<name>-build.log. */
  name: string;
  distDir: string;
  noBuild: boolean;
  /** The environment `next build` runs with (it prerenders pages that query the database). */
  env: () => Record<string, string>;
}): Promise<BuildResult | undefined> {
  if (options.noBuild) {
    if (!fs.existsSync(path.join(ROOT, options.distDir, "BUILD_ID"))) {
      throw new Error(`--no-build: there is no build in ${options.distDir}; run once without --no-build`);
    }
    console.log(`Reusing the build in ${options.distDir} (--no-build).`);
    return undefined;
  }
  const logFile = outPath(`${options.name}-build.log`);
  console.log(`Building into ${options.distDir} (next build; log: ${path.relative(process.cwd(), logFile)}) …`);
  try {
    const build = await nextBuild({ distDir: options.distDir, logFile, env: options.env() });
    console.log(`Built in ${build.seconds.toFixed(1)} s.`);
    return build;
  } catch (error) {
    // A failed build leaves a half-written dist dir that --no-build would take for a build.
    removeDir(path.join(ROOT, options.distDir));
    throw error;
  }
}
