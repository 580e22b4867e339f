import { recordBuildInputs, staleBuildReason, type BuildInputs } from "./build-freshness";
import { run } from "./run";

/** Builds into distDir when the build there is missing or stale; throws when the build fails. */
export async function buildIfStale(distDir: string, inputs: BuildInputs, env: NodeJS.ProcessEnv = process.env): Promise<void> {
  const reason = staleBuildReason(distDir, inputs);
  if (!reason) return;
  console.log(`Building the site (${reason})…`);
  const code = await run("npm", ["run", "--silent", "build"], { env: { ...env, NEXT_DIST_DIR: distDir } });
  if (code !== 0) throw new Error("The build failed; the messages above say why.");
  recordBuildInputs(distDir, inputs);
}
