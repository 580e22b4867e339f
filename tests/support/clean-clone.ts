import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * A copy of this checkout as `git clone` would give it (tracked and new, not ignored, files:
 * no data/, no .next*, no .env), with the installed node_modules hard-linked in, so it costs
 * seconds instead of an `npm ci`. Builds in it cannot touch this checkout's files.
 */
export function cleanClone(prefix: string): { dir: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const listed = execFileSync("git", ["ls-files", "-z", "--cached", "--others", "--exclude-standard"], { encoding: "utf8" });
  for (const file of listed.split("\0")) {
    // A tracked file deleted in the working tree is listed too: a clone of this state lacks it.
    if (file === "" || !fs.existsSync(file)) continue;
    fs.mkdirSync(path.join(dir, path.dirname(file)), { recursive: true });
    fs.copyFileSync(file, path.join(dir, file));
  }
  try {
    execFileSync("cp", ["-al", "node_modules", path.join(dir, "node_modules")]);
  } catch {
    // Another file system: hard links are impossible, copy instead (slower).
    fs.cpSync("node_modules", path.join(dir, "node_modules"), { recursive: true, verbatimSymlinks: true });
  }
  return { dir, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
