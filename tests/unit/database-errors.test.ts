import { spawn } from "node:child_process";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { openDatabase } from "@/db/connect";
import { parseDatabaseUrl } from "@/db/url";
import { makeTempDir } from "../support/contract-databases";
import { createDatabase, findPostgresBinaries, startPostgres, type PostgresServer } from "../support/postgres";

// A database that cannot be used must say which variable to fix and what to check, wherever it
// is met: `npm start`, `npm run db:migrate`, the build's database step, and a running server's
// queries (docs/decisions/028-build-without-a-prepared-database.md). The real scripts run as
// child processes against real sockets and servers.

const ROOT = path.resolve(import.meta.dirname, "../..");
const TSX = path.join(ROOT, "node_modules/.bin/tsx");
const PASSWORD = "hunter2-secret";
const postgresUrl = inject("postgresUrl");

type Ran = { code: number | null; stdout: string; stderr: string };

/** Runs a script of ours the way npm does, with only the given database settings. */
function runScript(script: string, env: Record<string, string>): Promise<Ran> {
  const clean = { ...process.env };
  for (const name of Object.keys(clean)) if (/^(DATABASE_|DATA_DIR|AUTH_|EMAIL_|NEXT_DIST_DIR)/.test(name)) delete clean[name];
  const dataDir = makeTempDir("essays-dberr-data-");
  const child = spawn(TSX, [path.join("scripts", script)], {
    cwd: ROOT,
    // DATA_DIR in a temp dir: `npm start` keeps its generated AUTH_SECRET there.
    env: { ...clean, NEXT_TELEMETRY_DISABLED: "1", DATA_DIR: dataDir, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString()));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.once("exit", (code) => resolve({ code, stdout, stderr })));
}

/** A loopback port with nothing listening on it. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

function expectOneClearFailure(ran: Ran, message: string) {
  expect(ran.code, ran.stdout + ran.stderr).toBe(1);
  expect(ran.stderr).toContain(message);
  // Never a stack trace, never the password.
  expect(ran.stderr + ran.stdout).not.toMatch(/^\s+at /m);
  expect(ran.stderr + ran.stdout).not.toContain(PASSWORD);
}

const SCRIPTS = [
  ["npm start", "start.ts"],
  ["npm run db:migrate", "db-migrate.ts"],
  ["npm run build (its database step)", "build-database.ts"],
] as const;

describe("PostgreSQL with nothing listening", () => {
  let port: number;
  beforeAll(async () => {
    port = await closedPort();
  });

  it.each(SCRIPTS)("%s names DATABASE_URL and asks whether PostgreSQL is running", async (_, script) => {
    const ran = await runScript(script, { DATABASE_URL: `postgres://essays:${PASSWORD}@127.0.0.1:${port}/essays` });
    expectOneClearFailure(
      ran,
      `DATABASE_URL points at PostgreSQL 127.0.0.1:${port}/essays: nothing is listening at 127.0.0.1:${port} — is PostgreSQL running there? ` +
        "Start it, or correct the host and port in DATABASE_URL.",
    );
    // `npm start` stopped before building or serving anything.
    expect(ran.stdout).not.toContain("Building the site");
  }, 60_000);

  it("a running server's queries fail with the same explanation (what its log shows)", async () => {
    const database = openDatabase(parseDatabaseUrl(`postgres://essays:${PASSWORD}@127.0.0.1:${port}/essays`, "data"));
    try {
      // drizzle wraps every driver error in its own "Failed query: …"; the explanation is its cause,
      // which Node prints with it ([cause]: DatabaseUnavailableError: DATABASE_URL points at …).
      await expect(database.db.select().from(database.schema.comments)).rejects.toMatchObject({
        cause: { name: "DatabaseUnavailableError", message: expect.stringContaining(`nothing is listening at 127.0.0.1:${port} — is PostgreSQL running there?`) },
      });
      await expect(database.withTransaction(async () => undefined)).rejects.toMatchObject({ name: "DatabaseUnavailableError" });
    } finally {
      await database.close();
    }
  });
});

describe("SQLite in a directory that does not exist", () => {
  it.each(SCRIPTS)("%s refuses it, names DATABASE_URL, and creates nothing", async (_, script) => {
    const root = makeTempDir("essays-dberr-missing-");
    const missing = path.join(root, "nonexistent", "dir");
    const ran = await runScript(script, { DATABASE_URL: `file:${missing}/blog.db` });
    expectOneClearFailure(
      ran,
      `DATABASE_URL points at SQLite ${missing}/blog.db, but the directory ${missing} does not exist — create it (mkdir -p ${missing}) or correct DATABASE_URL.`,
    );
    expect(fs.existsSync(path.join(root, "nonexistent"))).toBe(false);
  }, 60_000);

  it("the default folder (DATA_DIR) is created and migrated by db:migrate", async () => {
    const dataDir = path.join(makeTempDir("essays-dberr-default-"), "fresh", "data");
    const ran = await runScript("db-migrate.ts", { DATA_DIR: dataDir });
    expect(ran.code, ran.stderr).toBe(0);
    expect(ran.stdout).toContain(`Migrations applied: SQLite ${dataDir}/blog.db`);
    expect(fs.existsSync(path.join(dataDir, "blog.db"))).toBe(true);
  }, 60_000);

  it("a server reading an unmigrated file says to run db:migrate", async () => {
    const file = path.join(makeTempDir("essays-dberr-empty-"), "blog.db");
    const database = openDatabase(parseDatabaseUrl(`file:${file}`, "data"));
    try {
      await expect(database.db.select().from(database.schema.comments)).rejects.toMatchObject({
        cause: { name: "DatabaseUnavailableError", message: expect.stringContaining(`DATABASE_URL points at SQLite ${file}: it has no tables yet — run \`npm run db:migrate\``) },
      });
    } finally {
      await database.close();
    }
  });
});

describe.skipIf(postgresUrl === null)("a reachable PostgreSQL that refuses us", () => {
  const server = postgresUrl ?? "";
  const withPath = (url: string, change: (url: URL) => void) => {
    const parsed = new URL(url);
    change(parsed);
    return parsed.toString();
  };
  const where = () => new URL(server).port;

  it("a missing database: db:migrate says to create it or correct the name", async () => {
    const ran = await runScript("db-migrate.ts", { DATABASE_URL: withPath(server, (url) => (url.pathname = "/no_such_db")) });
    expectOneClearFailure(
      ran,
      `DATABASE_URL points at PostgreSQL 127.0.0.1:${where()}/no_such_db: the server has no database "no_such_db" — create it (createdb no_such_db) or correct the database name in DATABASE_URL.`,
    );
  }, 60_000);

  it("an unknown user: npm start says to check the user name", async () => {
    const ran = await runScript("start.ts", { DATABASE_URL: withPath(server, (url) => (url.username = "nobody")) });
    expectOneClearFailure(ran, 'the server has no user "nobody" — check the user name in DATABASE_URL.');
  }, 60_000);

  it("a database with no tables: the build says to run db:migrate first, and never migrates a shared database itself", async () => {
    const url = await createDatabase({ serverUrl: server });
    const ran = await runScript("build-database.ts", { DATABASE_URL: url });
    expectOneClearFailure(ran, "the database has no tables yet — run `npm run db:migrate` with this DATABASE_URL first");
  }, 60_000);
});

describe.skipIf(!findPostgresBinaries())("a PostgreSQL server that wants a password", () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres({ password: PASSWORD });
  });
  afterAll(() => server?.stop());

  it("the right one is accepted, a wrong one is named as the problem without echoing either", async () => {
    const right = await runScript("db-migrate.ts", { DATABASE_URL: server.url });
    expect(right.code, right.stderr).toBe(0);
    expect(right.stdout).toContain(`Migrations applied: PostgreSQL 127.0.0.1:${server.port}/postgres`);

    const wrong = new URL(server.url);
    wrong.password = "not-the-password";
    const ran = await runScript("db-migrate.ts", { DATABASE_URL: wrong.toString() });
    expectOneClearFailure(ran, 'the server refused the password for user "postgres" — check the user name and password in DATABASE_URL.');
    expect(ran.stderr).not.toContain("not-the-password");
  }, 60_000);
});
