// Child processes the benchmarks start (next build, next start) and how they end.
//
// Each child is spawned detached, so it leads its own process group: stopping it
// signals that group by id (-pid), which also ends the workers `next build` forks.
// Every child and every other resource (browser, temp folder) is registered with
// onCleanup(); Ctrl-C, SIGTERM and a crash all run the cleanups before exiting.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { ROOT } from "./out";

type Cleanup = () => void | Promise<void>;
const cleanups = new Set<Cleanup>();
const groups = new Set<number>();

/** Registers something to undo on exit or interruption; returns a function that unregisters it. */
export function onCleanup(cleanup: Cleanup): () => void {
  cleanups.add(cleanup);
  return () => cleanups.delete(cleanup);
}

export async function runCleanups(): Promise<void> {
  for (const cleanup of [...cleanups].reverse()) {
    cleanups.delete(cleanup);
    try {
      await cleanup();
    } catch (error) {
      console.error(`cleanup failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}

let interrupted = false;
/** True once Ctrl-C (or SIGTERM/SIGHUP) arrived: errors after that are the stopping, not a finding. */
export const wasInterrupted = () => interrupted;
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    if (interrupted) return;
    interrupted = true;
    console.error(`\n${signal}: stopping what this benchmark started…`);
    void runCleanups().finally(() => process.exit(130));
  });
}
// Last resort (e.g. process.exit from elsewhere): no async work is possible here, so SIGKILL the groups.
process.on("exit", () => {
  for (const pid of groups) signalGroup(pid, "SIGKILL");
});

function signalGroup(pid: number, signal: NodeJS.Signals): boolean {
  try {
    process.kill(-pid, signal);
    return true;
  } catch {
    try {
      process.kill(pid, signal);
      return true;
    } catch {
      return false;
    }
  }
}

function groupAlive(pid: number): boolean {
  try {
    process.kill(-pid, 0);
    return true;
  } catch {
    return false;
  }
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** SIGTERM to the child's process group, SIGKILL after `graceMs` if anything in it is still alive. */
export async function stopGroup(pid: number, graceMs = 5000): Promise<void> {
  signalGroup(pid, "SIGTERM");
  const deadline = Date.now() + graceMs;
  while (groupAlive(pid) && Date.now() < deadline) await sleep(100);
  if (groupAlive(pid)) {
    signalGroup(pid, "SIGKILL");
    while (groupAlive(pid)) await sleep(50);
  }
  groups.delete(pid);
}

/** The environment every next build/start here runs with. */
export function nextEnv(distDir: string, extra: Record<string, string | undefined> = {}): Record<string, string> {
  const env: Record<string, string> = {};
  for (const [key, value] of Object.entries({ ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: distDir, ...extra })) {
    // next build/start set NODE_ENV=production themselves; an inherited "development" would only confuse them.
    if (value !== undefined && key !== "NODE_ENV") env[key] = value;
  }
  return env;
}

const NEXT_BIN = path.join(ROOT, "node_modules", ".bin", "next");

const NEXT_SCRIPT = path.join(ROOT, "node_modules", "next", "dist", "bin", "next");

/** `cpuProfileDir`: run Next under `node --cpu-prof` (Node refuses it in NODE_OPTIONS); a profile is written there when it stops. */
function spawnNext(args: string[], env: Record<string, string>, logFile: string, cpuProfileDir?: string): ChildProcess {
  const log = fs.openSync(logFile, "w");
  const [command, commandArgs] = cpuProfileDir ? [process.execPath, ["--cpu-prof", `--cpu-prof-dir=${cpuProfileDir}`, NEXT_SCRIPT, ...args]] : [NEXT_BIN, args];
  // Detached: the child leads its own process group, so stopGroup(-pid) reaches its workers too.
  // Cast: Next types NODE_ENV as always present, and we leave it out on purpose.
  const child = spawn(command, commandArgs, { cwd: ROOT, env: env as unknown as NodeJS.ProcessEnv, detached: true, stdio: ["ignore", log, log] });
  fs.closeSync(log);
  if (child.pid === undefined) throw new Error(`could not start ${NEXT_BIN} ${args.join(" ")}`);
  groups.add(child.pid);
  return child;
}

export function tail(file: string, lines = 40): string {
  try {
    return fs.readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}

/** RSS (bytes) of every live process in the group, summed and the largest one. Linux only. */
function groupRss(pgid: number): { total: number; largest: number } | undefined {
  let entries: string[];
  try {
    entries = fs.readdirSync("/proc");
  } catch {
    return undefined;
  }
  let total = 0;
  let largest = 0;
  for (const entry of entries) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, "utf8");
      // Fields after the command name, which is in parentheses and may hold spaces: state ppid pgrp …
      const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      if (Number(fields[2]) !== pgid) continue;
      const status = fs.readFileSync(`/proc/${entry}/status`, "utf8");
      const match = /^VmRSS:\s+(\d+) kB/m.exec(status);
      if (!match) continue;
      const rss = Number(match[1]) * 1024;
      total += rss;
      largest = Math.max(largest, rss);
    } catch {
      // The process ended while we read it.
    }
  }
  return { total, largest };
}

export type BuildResult = {
  seconds: number;
  /** Peak of the summed RSS of next build and its workers (sampled every 250 ms); undefined off Linux. */
  peakRssBytes?: number;
  /** Peak RSS of the single largest process. */
  peakProcessRssBytes?: number;
  logFile: string;
};

/**
 * `next build` does not take a tsconfig path, and when tsconfig.json's include lacks
 * `<distDir>/types/**\/*.ts` it rewrites the file (reformatted, two entries added).
 * tsconfig.json is not the benchmark's to change: put it back as it was, unless
 * something else edited it meanwhile, in which case only the entries for our
 * dist dir are taken out again.
 */
function guardTsconfig(distDir: string): () => void {
  const file = path.join(ROOT, "tsconfig.json");
  let before: string;
  try {
    before = fs.readFileSync(file, "utf8");
  } catch {
    return () => {};
  }
  const ours = new Set([`${distDir}/types/**/*.ts`, `${distDir}/dev/types/**/*.ts`]);
  return () => {
    let now: string;
    try {
      now = fs.readFileSync(file, "utf8");
    } catch {
      return;
    }
    if (now === before) return;
    try {
      const current = JSON.parse(now) as { include?: string[] };
      const withoutOurs = { ...current, include: current.include?.filter((entry) => !ours.has(entry)) };
      if (JSON.stringify(withoutOurs) === JSON.stringify(JSON.parse(before))) {
        fs.writeFileSync(file, before);
      } else {
        fs.writeFileSync(file, JSON.stringify(withoutOurs, null, 2) + "\n");
        console.warn("note: tsconfig.json changed during the build; only next build's entries for the bench dist dir were removed");
      }
    } catch {
      console.warn("note: next build changed tsconfig.json, which is not plain JSON; left as it is");
    }
  };
}

/** Runs `next build` into `distDir`, output to `logFile`. Throws (with the log's tail) if it fails. */
export async function nextBuild(options: {
  distDir: string;
  logFile: string;
  env?: Record<string, string | undefined>;
}): Promise<BuildResult> {
  const restoreTsconfig = guardTsconfig(options.distDir);
  const unregisterTsconfig = onCleanup(restoreTsconfig); // on Ctrl-C too
  const started = process.hrtime.bigint();
  const child = spawnNext(["build"], nextEnv(options.distDir, options.env), options.logFile);
  const pid = child.pid!;
  const unregister = onCleanup(() => stopGroup(pid));
  let peak: { total: number; largest: number } | undefined;
  const sample = () => {
    const now = groupRss(pid);
    if (now) peak = { total: Math.max(peak?.total ?? 0, now.total), largest: Math.max(peak?.largest ?? 0, now.largest) };
  };
  sample();
  const sampler = setInterval(sample, 250);
  try {
    const code = await new Promise<number | null>((resolve, reject) => {
      child.once("error", reject);
      child.once("exit", (exitCode, signal) => resolve(exitCode ?? (signal ? 128 : null)));
    });
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    if (code !== 0) {
      throw new Error(`next build exited with ${code} after ${seconds.toFixed(1)} s; last lines of ${options.logFile}:\n${tail(options.logFile)}`);
    }
    return { seconds, peakRssBytes: peak?.total, peakProcessRssBytes: peak?.largest, logFile: options.logFile };
  } finally {
    clearInterval(sampler);
    await stopGroup(pid, 2000); // workers left behind, if any
    unregister();
    unregisterTsconfig();
    restoreTsconfig();
  }
}

/** A port free on localhost right now (the OS picks it). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "localhost", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

export type Server = { pid: number; port: number; url: string; stop: () => Promise<void> };

/**
 * `node_modules/.bin/next start -p PORT -H localhost` (that PID is the server), then
 * waits until it answers. The server's output goes to `logFile`.
 */
export async function startServer(options: {
  distDir: string;
  logFile: string;
  port?: number;
  env?: Record<string, string | undefined>;
  timeoutMs?: number;
  /** Profile the server's CPU into this directory (a .cpuprofile per process, written when it stops). */
  cpuProfileDir?: string;
}): Promise<Server> {
  const port = options.port ?? (await freePort());
  const child = spawnNext(["start", "-p", String(port), "-H", "localhost"], nextEnv(options.distDir, options.env), options.logFile, options.cpuProfileDir);
  const pid = child.pid!;
  let exited: string | undefined;
  child.once("exit", (code, signal) => (exited = signal ?? String(code)));
  const stop = async () => {
    unregister();
    await stopGroup(pid);
  };
  const unregister = onCleanup(stop);
  const url = `http://localhost:${port}`;
  const deadline = Date.now() + (options.timeoutMs ?? 60_000);
  try {
    for (;;) {
      if (exited !== undefined) throw new Error(`next start exited (${exited}); last lines of ${options.logFile}:\n${tail(options.logFile)}`);
      try {
        const response = await fetch(`${url}/`, { signal: AbortSignal.timeout(5000) });
        await response.arrayBuffer();
        break;
      } catch {
        if (Date.now() > deadline) throw new Error(`next start did not answer on ${url} within ${(options.timeoutMs ?? 60_000) / 1000} s; log:\n${tail(options.logFile)}`);
        await sleep(250);
      }
    }
  } catch (error) {
    await stop();
    throw error;
  }
  return { pid, port, url, stop };
}

/** Removes a folder we created (dist dir, temp content); never anything outside ROOT or the OS temp dir. */
export function removeDir(dir: string): void {
  fs.rmSync(dir, { recursive: true, force: true });
}
