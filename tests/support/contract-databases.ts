// What the storage contract suites (tests/unit/*contract*.test.ts) share: the two databases each
// suite runs against (a SQLite file in a temp dir, and a fresh database on the PostgreSQL server
// that tests/support/vitest-global-setup.ts starts), loading a fresh copy of the app's modules
// with their own environment, and probes that talk to a database with the plain drivers.
//
// PostgreSQL is skipped only when the global setup says so (postgresUrl null: no binaries, and
// not on CI, where the setup fails the run instead).
//
// Importing this module registers an afterAll in the importing test file that removes every
// temp dir made through it, after the file's own afterAll hooks (vitest runs them as a stack).
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { afterAll, inject, vi } from "vitest";
import { parseDatabaseUrl } from "@/db/url";
import { createDatabase } from "./postgres";

const tempDirs: string[] = [];

afterAll(() => {
  for (const dir of tempDirs) fs.rmSync(dir, { recursive: true, force: true });
});

/** A new empty dir under the OS temp dir, removed after the test file. */
export function makeTempDir(prefix: string): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), prefix));
  tempDirs.push(dir);
  return dir;
}

export type ContractDialect = "sqlite" | "postgres";

export type ContractTarget = {
  dialect: ContractDialect;
  /** True when the suite must not run on this database (PostgreSQL without a server). */
  skip: boolean;
  /** A new, empty database of the dialect (not migrated), as a DATABASE_URL. */
  createDatabaseUrl(): Promise<string>;
};

/**
 * SQLite (a file in a new temp dir named with sqliteDirPrefix, one dir per database) and
 * PostgreSQL (one new database on the test server per call), in that order.
 */
export function contractTargets(sqliteDirPrefix: string): readonly ContractTarget[] {
  const postgresUrl = inject("postgresUrl");
  return [
    {
      dialect: "sqlite",
      skip: false,
      createDatabaseUrl: async () => `file:${path.join(makeTempDir(sqliteDirPrefix), "test.db")}`,
    },
    {
      dialect: "postgres",
      skip: postgresUrl === null,
      createDatabaseUrl: () => createDatabase({ serverUrl: postgresUrl ?? "" }),
    },
  ];
}

/**
 * Runs load (dynamic imports) on a fresh module registry with the variables in env set, then
 * puts process.env back as it was. The app's modules read process.env on import (env.js), so
 * what load returns keeps this environment: one app instance, with its own connection.
 */
export async function loadWithEnv<T>(env: Record<string, string>, load: () => Promise<T>): Promise<T> {
  const previous = Object.fromEntries(Object.keys(env).map((name) => [name, process.env[name]]));
  Object.assign(process.env, env);
  vi.resetModules();
  try {
    return await load();
  } finally {
    for (const [name, value] of Object.entries(previous)) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  }
}

/** loadWithEnv with DATABASE_URL set to databaseUrl (and any other variables in env). */
export function loadWithDatabaseUrl<T>(databaseUrl: string, load: () => Promise<T>, env: Record<string, string> = {}): Promise<T> {
  return loadWithEnv({ ...env, DATABASE_URL: databaseUrl }, load);
}

/** What the suites' module sets all hold: the db client (getDb, closeDb) and the migrations. */
type AppInstance = { client: { closeDb(): Promise<void> }; migrate: { migrateDatabase(): Promise<unknown> } };

/**
 * A new database on the target, migrated through a fresh copy of the app's modules loaded on it
 * (load: the suite's loadModules); returns its URL and those modules. Close them with closeInstances.
 */
export async function migratedDatabase<M extends AppInstance>(
  target: ContractTarget,
  load: (databaseUrl: string) => Promise<M>,
): Promise<{ databaseUrl: string; m: M }> {
  const databaseUrl = await target.createDatabaseUrl();
  const m = await load(databaseUrl);
  try {
    await m.migrate.migrateDatabase();
  } catch (error) {
    await m.client.closeDb();
    throw error;
  }
  return { databaseUrl, m };
}

/** Closes each instance's connection or pool, one after another (undefined: a beforeAll that failed early). */
export async function closeInstances(instances: readonly (AppInstance | undefined)[]): Promise<void> {
  for (const instance of instances) await instance?.client.closeDb();
}

/** better-sqlite3's Statement class is not exported; its prototype is reached through an instance. */
const sqliteStatementPrototype = (() => {
  const probe = new BetterSqlite3(":memory:");
  try {
    return Object.getPrototypeOf(probe.prepare("select 1")) as BetterSqlite3.Statement;
  } finally {
    probe.close();
  }
})();

/**
 * Runs fn and counts the SQL statements it sent outside transactions (both drivers). On SQLite
 * statements are counted when they run, not when they are prepared: db/connect.ts reuses
 * prepared statements.
 */
export async function countQueries<T>(fn: () => Promise<T>): Promise<{ result: T; queries: number }> {
  const spies = [
    ...(["run", "get", "all", "iterate"] as const).map((method) => vi.spyOn(sqliteStatementPrototype, method)),
    vi.spyOn(pg.Pool.prototype, "query"),
  ];
  try {
    const result = await fn();
    return { result, queries: spies.reduce((sum, spy) => sum + spy.mock.calls.length, 0) };
  } finally {
    for (const spy of spies) spy.mockRestore();
  }
}

/** Runs each statement with the plain driver, on its own connection, outside the app's. */
export async function rawExec(databaseUrl: string, statements: { sqlite: string[]; pg: string[] }): Promise<void> {
  const config = parseDatabaseUrl(databaseUrl, "data");
  if (config.dialect === "sqlite") {
    const sqlite = new BetterSqlite3(config.file);
    try {
      for (const statement of statements.sqlite) sqlite.exec(statement);
    } finally {
      sqlite.close();
    }
    return;
  }
  const client = new pg.Client({ connectionString: config.url });
  await client.connect();
  try {
    for (const statement of statements.pg) await client.query(statement);
  } finally {
    await client.end();
  }
}
