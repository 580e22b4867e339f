import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import { expect, test } from "@playwright/test";
import { E2E_BASE_URL, E2E_CONTENT_DIR, E2E_DIST_DIR, E2E_EXTRA_PORTS } from "./harness/ports";
import { expectSignedInAs, finishSignIn } from "./harness/fixtures";

// What a newcomer gets from `npm start` with nothing configured: a generated secret kept in
// data/, migrations applied, and magic links printed to the console mailbox.
const PORT = E2E_EXTRA_PORTS.npmStart;
const BASE = `http://localhost:${PORT}`;
// A copy of the suite's build: `npm start` rebuilds when it finds the build stale, and it must
// never do that under the feet of the suite's own server.
const DIST_DIR = `${E2E_DIST_DIR}-start`;

test.beforeAll(() => {
  fs.rmSync(DIST_DIR, { recursive: true, force: true });
  fs.cpSync(E2E_DIST_DIR, DIST_DIR, { recursive: true, preserveTimestamps: true });
});

test.afterAll(() => fs.rmSync(DIST_DIR, { recursive: true, force: true }));

type Started = { child: ChildProcess; output: () => string };

/** `npm start` as a reader types it (command "npm"), or the start script straight through node with tsx loaded. */
function startNpmStart(dataDir: string, { viaNpm = false } = {}): Started {
  let output = "";
  const env = { ...process.env };
  for (const name of ["AUTH_SECRET", "EMAIL_SERVER", "DATABASE_URL", "AUTH_OIDC_ISSUER", "AUTH_OIDC_ID", "AUTH_OIDC_SECRET"]) delete env[name];
  const [command, args] = viaNpm ? ["npm", ["start"]] : ["node", ["--import", "tsx", "scripts/start.ts"]];
  const child = spawn(command, args, {
    env: {
      ...env,
      npm_config_update_notifier: "false",
      PORT: String(PORT),
      DATA_DIR: dataDir,
      // Reuse the suite's build (same SITE_URL baked in) instead of building again;
      // sign-in links must still point at this server.
      NEXT_DIST_DIR: DIST_DIR,
      SITE_URL: E2E_BASE_URL,
      CONTENT_DIR: E2E_CONTENT_DIR,
      AUTH_URL: BASE,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

async function stop({ child }: Started) {
  if (child.exitCode !== null) return;
  const exited = new Promise((resolve) => child.once("exit", resolve));
  child.kill("SIGTERM");
  await exited;
}

test("npm start with nothing configured: generated secret, migrations, console mailbox sign-in", async ({ page }) => {
  test.setTimeout(120_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "essays-start-"));
  let started = startNpmStart(dataDir);
  try {
    await expect.poll(() => started.output(), { timeout: 90_000 }).toContain("The blog is starting");
    await expect.poll(async () => (await fetch(BASE).catch(() => undefined))?.status, { timeout: 30_000 }).toBe(200);
    const output = started.output();
    expect(output).toContain("AUTH_SECRET was not set: generated one");
    expect(output).toContain("migrations applied");
    expect(output).toContain("CONSOLE MAILBOX");
    const secretFile = path.join(dataDir, "auth-secret");
    expect(fs.statSync(secretFile).mode & 0o777).toBe(0o600);
    expect(fs.existsSync(path.join(dataDir, "blog.db"))).toBe(true);

    const email = `newcomer-${Date.now()}@example.org`;
    await page.goto(`${BASE}/sign-in`);
    await page.getByLabel("E-mail address").fill(email);
    await page.getByRole("button", { name: "E-mail me a sign-in link" }).click();
    await expect(page.getByText("printed in the output of the terminal")).toBeVisible();
    let link = "";
    await expect
      .poll(() => {
        const printed = started.output().split("CONSOLE MAILBOX").slice(1).find((mail) => mail.includes(email)) ?? "";
        link = printed.match(/http:\/\/localhost:\d+\/api\/auth\/callback\/email\?\S+/)?.[0] ?? "";
        return link;
      })
      .not.toBe("");
    await page.goto(link);
    // A first sign-in by e-mail asks for a name, never guessing one from the address.
    await expect(page.getByLabel("Display name")).toHaveValue("");
    await finishSignIn(page, "Newcomer");

    // A restart keeps the secret, so the session survives it.
    await stop(started);
    started = startNpmStart(dataDir);
    await expect.poll(() => started.output(), { timeout: 90_000 }).toContain("The blog is starting");
    await expect.poll(async () => (await fetch(BASE).catch(() => undefined))?.status, { timeout: 30_000 }).toBe(200);
    expect(started.output()).toContain("AUTH_SECRET: using the one kept in");
    await page.reload();
    await expectSignedInAs(page, "Newcomer");
  } finally {
    await stop(started);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

/** Every process below pid, read from ps (the server is npm's great-great-grandchild). */
function descendants(pid: number): number[] {
  const rows = execFileSync("ps", ["-eo", "pid=,ppid="], { encoding: "utf8" })
    .trim()
    .split("\n")
    .map((line) => line.trim().split(/\s+/).map(Number) as [number, number]);
  const found: number[] = [];
  for (let frontier = [pid]; frontier.length > 0; ) {
    frontier = rows.filter(([, parent]) => frontier.includes(parent)).map(([child]) => child);
    found.push(...frontier);
  }
  return found;
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** Whether anything accepts a connection on the port (IPv4 or IPv6 loopback, as localhost resolves). */
function portAnswers(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ port, host: "localhost" });
    socket.once("connect", () => (socket.destroy(), resolve(true)));
    socket.once("error", () => resolve(false));
  });
}

test("kill <pid of npm start> stops the server: the port is freed and no process is left", async () => {
  test.setTimeout(120_000);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "essays-start-"));
  const started = startNpmStart(dataDir, { viaNpm: true });
  let tree: number[] = [];
  try {
    await expect.poll(() => started.output(), { timeout: 90_000 }).toContain("The blog is starting");
    await expect.poll(async () => (await fetch(BASE).catch(() => undefined))?.status, { timeout: 30_000 }).toBe(200);
    // npm → (sh, exec'd away) → node scripts/start.ts → next-server
    tree = descendants(started.child.pid!);
    expect(tree.length).toBeGreaterThanOrEqual(2);

    // What a supervisor does: one SIGTERM to the one PID it started.
    const exited = new Promise<boolean>((resolve) => started.child.once("exit", () => resolve(true)));
    process.kill(started.child.pid!, "SIGTERM");
    expect(await Promise.race([exited, delay(20_000).then(() => false)]), "npm start ended within 20 s").toBe(true);
    await expect.poll(() => tree.filter(isAlive), { timeout: 20_000 }).toEqual([]);
    expect(await portAnswers(PORT)).toBe(false);
  } finally {
    for (const pid of tree.filter(isAlive)) process.kill(pid, "SIGKILL");
    await stop(started);
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
});

test("npm start refuses a bad environment variable with its name and no stack trace", async () => {
  const child = spawn("node", ["--import", "tsx", "scripts/start.ts"], {
    env: { ...process.env, DATABASE_URL: "mysql://root:secret@db/essays" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise((resolve) => child.once("exit", resolve));
  expect(code).toBe(1);
  expect(output).toContain("DATABASE_URL: has an unsupported scheme");
  expect(output).not.toContain("secret");
  expect(output).not.toMatch(/\n\s+at /);
});
