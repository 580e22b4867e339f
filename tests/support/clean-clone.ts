import { execFileSync } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

/**
 * A fresh `git clone` of this checkout's HEAD (committed files only: no data/, .next*, .env or
 * anything left untracked), with the installed node_modules hard-linked in, so it costs seconds
 * instead of an `npm ci`. Builds in it cannot touch this checkout's files.
 */
export function cleanClone(prefix: string): { dir: string; commit: string; remove: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  const git = (args: string[], cwd?: string) => execFileSync("git", args, { cwd, encoding: "utf8" }).trim();
  const top = git(["rev-parse", "--show-toplevel"]);
  const commit = git(["rev-parse", "HEAD"]);
  // --shared borrows this repository's objects instead of copying them; the checkout is a real one.
  git(["clone", "--quiet", "--shared", "--no-checkout", top, dir]);
  git(["-c", "advice.detachedHead=false", "checkout", "--quiet", commit], dir);
  const modules = path.join(top, "node_modules");
  try {
    execFileSync("cp", ["-al", modules, path.join(dir, "node_modules")]);
  } catch {
    // Another file system: hard links are impossible, copy instead (slower).
    fs.cpSync(modules, path.join(dir, "node_modules"), { recursive: true, verbatimSymlinks: true });
  }
  return { dir, commit, remove: () => fs.rmSync(dir, { recursive: true, force: true }) };
}
