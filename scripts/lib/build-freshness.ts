import fs from "node:fs";
import path from "node:path";

/** What a build depends on besides its sources: values baked into static pages. */
export type BuildInputs = { SITE_URL: string; CONTENT_DIR: string };

const SOURCES = [
  "app",
  "components",
  "lib",
  "db",
  "public",
  "env.js",
  "next.config.js",
  "site.config.ts",
  "auth.ts",
  "instrumentation.ts",
  "proxy.ts",
  "tsconfig.json",
  "package.json",
  "package-lock.json",
];

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of fs.readdirSync(target, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    newest = Math.max(newest, newestMtime(path.join(target, entry.name)));
  }
  return newest;
}

const stampFile = (distDir: string) => path.join(distDir, "build-inputs.json");

/**
 * Why a build is needed, or undefined when the one in distDir is current: none yet,
 * a source or essay newer than it, or a different SITE_URL/CONTENT_DIR baked in.
 */
export function staleBuildReason(distDir: string, inputs: BuildInputs): string | undefined {
  const buildId = path.join(distDir, "BUILD_ID");
  if (!fs.existsSync(buildId)) return "there is no build yet";
  const builtAt = fs.statSync(buildId).mtimeMs;
  const changed = [...SOURCES, inputs.CONTENT_DIR].find((source) => newestMtime(source) > builtAt);
  if (changed) return `${changed} changed since the last build`;
  const stamp = fs.existsSync(stampFile(distDir)) ? (JSON.parse(fs.readFileSync(stampFile(distDir), "utf8")) as Partial<BuildInputs>) : {};
  if (stamp.SITE_URL !== inputs.SITE_URL) return `SITE_URL is now ${inputs.SITE_URL}`;
  if (stamp.CONTENT_DIR !== inputs.CONTENT_DIR) return `CONTENT_DIR is now ${inputs.CONTENT_DIR}`;
  return undefined;
}

export function recordBuildInputs(distDir: string, inputs: BuildInputs): void {
  fs.writeFileSync(stampFile(distDir), JSON.stringify(inputs));
}
