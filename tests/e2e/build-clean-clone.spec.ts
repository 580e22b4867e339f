import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { startApp, type AppServer } from "../support/app-server";
import { cleanClone } from "../support/clean-clone";
import { expect, newUser, test, waitForViewer } from "./harness/fixtures";
import { signInAt } from "./harness/instance";
import { E2E_EXTRA_PORTS } from "./harness/ports";

// What every host runs first: `npm run build` on a fresh clone, with no database and nothing
// configured (docs/decisions/028-build-without-a-prepared-database.md).
const PORT = E2E_EXTRA_PORTS.cleanClone;
const BASE = `http://localhost:${PORT}`;
const ESSAY = "/leftlibertarian/08/23/because-killing-them-all-is-not-an-option";
const SECRET = "clean-clone-secret-clean-clone-secret-0123";

let clone: ReturnType<typeof cleanClone> | undefined;
let app: AppServer | undefined;

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  clone = cleanClone("essays-clean-clone-");
});

test.afterAll(async () => {
  await app?.stop();
  clone?.remove();
});

/** The environment of a host that set nothing: no database, data folder, secret or dist dir of ours. */
function bareEnv(extra: Record<string, string>): NodeJS.ProcessEnv {
  const env = { ...process.env };
  for (const name of Object.keys(env)) {
    if (/^(DATABASE_|DATA_DIR|NEXT_DIST_DIR|AUTH_|EMAIL_|CONTENT_DIR|COMMENTS_|ADMIN_EMAILS)/.test(name)) delete env[name];
  }
  return { ...env, NEXT_TELEMETRY_DISABLED: "1", SITE_URL: BASE, ...extra };
}

/**
 * `npm run build` in the clone. Niced: the other specs run beside it against the suite's server,
 * and a build takes every core it can get; at low priority it uses what they leave.
 */
async function npmRunBuild(env: NodeJS.ProcessEnv): Promise<{ code: number | null; output: string }> {
  const child = spawn("nice", ["-n", "15", "npm", "run", "build"], { cwd: clone!.dir, env, stdio: ["ignore", "pipe", "pipe"] });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (output += chunk.toString()));
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { code, output };
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

test("npm run build with an unreachable PostgreSQL says to fix DATABASE_URL, without a stack trace", async () => {
  test.setTimeout(120_000);
  const port = await closedPort();
  const { code, output } = await npmRunBuild(bareEnv({ DATABASE_URL: `postgres://essays:hunter2@127.0.0.1:${port}/essays` }));
  expect(code).toBe(1);
  expect(output).toContain(
    `DATABASE_URL points at PostgreSQL 127.0.0.1:${port}/essays: nothing is listening at 127.0.0.1:${port} — is PostgreSQL running there?`,
  );
  expect(output).not.toContain("hunter2");
  expect(output).not.toMatch(/\n\s+at /);
  // It stopped before Next.js: nothing was built.
  expect(output).not.toContain("Creating an optimized production build");
});

test("npm run build on a fresh clone with no database succeeds, and the first start serves live comments", async ({ browser }) => {
  test.setTimeout(600_000);
  const { code, output } = await npmRunBuild(bareEnv({}));
  expect(output).not.toContain("no such table");
  expect(output).not.toMatch(/\n\s+at /);
  expect(code, output).toBe(0);
  // The embedded default was created in the clone's data/ and migrated by the build itself.
  expect(output).toContain("(migrations applied)");
  expect(fs.existsSync(path.join(clone!.dir, "data", "blog.db"))).toBe(true);

  app = await startApp({
    port: PORT,
    distDir: ".next",
    cwd: clone!.dir,
    logFile: ".tmp/e2e-clean-clone.log",
    env: {
      // What the build used: the clone's own data/blog.db, whatever this shell has set.
      DATABASE_URL: "",
      DATA_DIR: "data",
      CONTENT_DIR: "content",
      SITE_URL: BASE,
      AUTH_URL: BASE,
      AUTH_SECRET: SECRET,
      AUTH_OIDC_ISSUER: process.env.E2E_OIDC_ISSUER ?? "",
      AUTH_OIDC_ID: "essays-e2e",
      AUTH_OIDC_SECRET: "essays-e2e-secret",
      AUTH_OIDC_NAME: "Test Identity",
      OUTBOX_INTERVAL_SECONDS: "0",
    },
  });
  const anonymous = async (address: string) => {
    const response = await fetch(`${BASE}${address}`);
    expect(response.status, address).toBe(200);
    return response.text();
  };
  expect(await anonymous(ESSAY)).toContain("Join the conversation");

  const user = newUser("First Reader");
  const page = await signInAt(browser, BASE, user, ESSAY);
  await page.goto(`${BASE}${ESSAY}`);
  await waitForViewer(page);
  const words = `The first words after a clean build ${Date.now()}`;
  await page.getByLabel("Join the conversation").fill(words);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page).toHaveURL(/#comment-\d+$/);

  // Live for everyone: the prerendered page and feed, built with an empty thread, now carry it.
  expect(await anonymous(ESSAY)).toContain(words);
  expect(await anonymous(`${ESSAY}/comments.xml`)).toContain(words);
  await page.context().close();
});
