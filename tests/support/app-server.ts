import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import path from "node:path";
import { nextStartArgs } from "../../scripts/lib/next-start-args";

export type AppServer = { url: string; port: number; pid: number; stop: () => Promise<void>; output: () => string };

async function waitForHttp(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`the server exited with code ${child.exitCode}`);
    try {
      const response = await fetch(url, { redirect: "manual" });
      if (response.status < 500) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  throw new Error(`the server did not answer ${url} within ${timeoutMs} ms`);
}

/**
 * Starts `next start` on a port with its own environment. The binary is started
 * directly (not through npx) so the PID we hold is the server's.
 */
export async function startApp(options: {
  port: number;
  distDir: string;
  env: Record<string, string>;
  logFile?: string;
  /** The checkout to serve (default: this one). */
  cwd?: string;
}): Promise<AppServer> {
  const url = `http://localhost:${options.port}`;
  let output = "";
  const child = spawn("node_modules/.bin/next", nextStartArgs(options.port), {
    cwd: options.cwd,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: "1", NEXT_DIST_DIR: options.distDir, ...options.env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  if (options.logFile) fs.mkdirSync(path.dirname(options.logFile), { recursive: true });
  const log = options.logFile ? fs.createWriteStream(options.logFile, { flags: "a" }) : undefined;
  for (const stream of [child.stdout, child.stderr]) {
    stream?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
      log?.write(chunk);
    });
  }
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    const timer = setTimeout(() => child.kill("SIGKILL"), 5000);
    await exited;
    clearTimeout(timer);
    log?.end();
  };
  try {
    await waitForHttp(url, child, 60_000);
  } catch (error) {
    await stop();
    throw new Error(`App on port ${options.port} failed to start: ${(error as Error).message}\n${output}`);
  }
  return { url, port: options.port, pid: child.pid ?? -1, stop, output: () => output };
}
