// Opens a database for either dialect and hands out ONE query API for both
// (docs/decisions/002-one-query-layer-two-dialects.md). No `server-only` here:
// scripts and tests run this file through tsx/vitest, where that package throws.
// The app's lazy singleton is db/client.ts.
import { AsyncLocalStorage } from "node:async_hooks";
import fs from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePg, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { drizzle as drizzleSqliteProxy, type SqliteRemoteDatabase } from "drizzle-orm/sqlite-proxy";
import pg from "pg";
import * as pgSchema from "./schema/pg";
import * as sqliteSchema from "./schema/sqlite";
import type { DatabaseConfig } from "./url";

/** The tables, typed as the PostgreSQL flavour; at run time they are the open dialect's own. */
export type Schema = typeof pgSchema;

/**
 * The query builder every query is written against. Only what both dialects share is
 * exposed: no raw `execute`, no `.transaction` (use withTransaction), no relational `query`.
 * Read write results through `.returning()`, never the driver's result object.
 */
export type Db = Pick<NodePgDatabase<Schema>, "select" | "selectDistinct" | "insert" | "update" | "delete">;

export type TransactionOptions = {
  /**
   * Transactions with the same key run one after another across every instance
   * (a pg_advisory_xact_lock on PostgreSQL; SQLite already runs all transactions one at a time).
   * Needed for check-then-insert logic such as rate limits, where row locks have nothing to lock.
   */
  lockKey?: string;
};

/** What @auth/drizzle-adapter needs: the dialect's real db (it picks its code by the db's class) and tables. */
export type AuthAdapterConfig =
  | {
      dialect: "sqlite";
      db: SqliteRemoteDatabase<typeof sqliteSchema>;
      usersTable: typeof sqliteSchema.users;
      accountsTable: typeof sqliteSchema.accounts;
      sessionsTable: typeof sqliteSchema.sessions;
      verificationTokensTable: typeof sqliteSchema.verificationTokens;
    }
  | {
      dialect: "postgres";
      db: NodePgDatabase<Schema>;
      usersTable: typeof pgSchema.users;
      accountsTable: typeof pgSchema.accounts;
      sessionsTable: typeof pgSchema.sessions;
      verificationTokensTable: typeof pgSchema.verificationTokens;
    };

export type Database = {
  dialect: DatabaseConfig["dialect"];
  db: Db;
  schema: Schema;
  withTransaction<T>(fn: (tx: Db) => Promise<T>, options?: TransactionOptions): Promise<T>;
  auth: AuthAdapterConfig;
  close(): Promise<void>;
};

export type OpenDatabaseOptions = {
  /** PostgreSQL pool size per instance (env DATABASE_POOL_MAX, default 5). */
  poolMax?: number;
};

export function openDatabase(config: DatabaseConfig, options: OpenDatabaseOptions = {}): Database {
  return config.dialect === "sqlite" ? openSqlite(config.file) : openPostgres(config.url, options.poolMax ?? 5);
}

/** A raw better-sqlite3 connection with the settings every connection here uses (also used by db/migrate.ts). */
export function openSqliteConnection(file: string): BetterSqlite3.Database {
  // `next build` and fresh checkouts have no data/ directory yet.
  if (file !== ":memory:") fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
  const sqlite = new BetterSqlite3(file);
  // WAL lets readers in other processes (a migration, a backup) run beside the writer.
  sqlite.pragma("journal_mode = WAL");
  sqlite.pragma("foreign_keys = ON");
  // Another process holding the write lock makes us wait up to 5 s instead of failing at once.
  sqlite.pragma("busy_timeout = 5000");
  // Safe with WAL (a power cut may lose the last commits, never corrupt the file) and much faster.
  sqlite.pragma("synchronous = NORMAL");
  return sqlite;
}

type Method = "run" | "all" | "values" | "get";

function openSqlite(file: string): Database {
  const sqlite = openSqliteConnection(file);
  const exclusive = createMutex();
  // Marks the async calls made inside the transaction that currently holds the mutex.
  const scope = new AsyncLocalStorage<{ open: boolean }>();
  const prepare = createStatementCache(sqlite);

  // The one connection is shared by every request. A transaction that awaits between
  // statements would otherwise let other requests' statements run inside it (and be rolled
  // back with it), so every statement and every transaction takes the mutex; statements made
  // from inside the transaction holding it go straight through. better-sqlite3 blocks the
  // event loop per statement anyway, so the queue costs no throughput.
  const run = async (query: string, params: unknown[], method: Method) => {
    if (scope.getStore()?.open) return execute(prepare, query, params, method);
    return exclusive(() => execute(prepare, query, params, method));
  };
  const proxy = drizzleSqliteProxy(run, { schema: sqliteSchema });
  const db = proxy as unknown as Db;

  return {
    dialect: "sqlite",
    db,
    schema: sqliteSchema as unknown as Schema,
    async withTransaction(fn) {
      assertNotNested(scope);
      return exclusive(async () => {
        const owner = { open: true };
        // IMMEDIATE takes the write lock now, so another process cannot slip a write in
        // between our read and our write (what makes rate limits atomic across processes).
        sqlite.exec("BEGIN IMMEDIATE");
        try {
          const result = await scope.run(owner, () => fn(db));
          sqlite.exec("COMMIT");
          return result;
        } catch (error) {
          if (sqlite.inTransaction) sqlite.exec("ROLLBACK");
          throw error;
        } finally {
          owner.open = false;
        }
      });
    },
    auth: {
      dialect: "sqlite",
      db: proxy,
      usersTable: sqliteSchema.users,
      accountsTable: sqliteSchema.accounts,
      sessionsTable: sqliteSchema.sessions,
      verificationTokensTable: sqliteSchema.verificationTokens,
    },
    close: () => exclusive(() => void sqlite.close()),
  };
}

// drizzle's sqlite-proxy hands us SQL text, never a prepared statement, so without a cache
// every execution compiles its SQL again (~7% of the CPU of a comment post, measured with
// bench:comments). Queries are built from a fixed set of code paths, so a few hundred texts
// cover them; the bound keeps texts that vary (e.g. `in (?, ?, …)` lists) from growing it forever.
const STATEMENT_CACHE_SIZE = 500;

/** better-sqlite3 statements by SQL text, least recently used first (a Map keeps insertion order). */
function createStatementCache(sqlite: BetterSqlite3.Database) {
  const statements = new Map<string, BetterSqlite3.Statement>();
  return function prepare(query: string): BetterSqlite3.Statement {
    let statement = statements.get(query);
    if (statement) {
      statements.delete(query);
    } else {
      statement = sqlite.prepare(query);
      // sqlite-proxy wants rows as arrays of values; only this module uses these statements.
      if (statement.reader) statement.raw(true);
      if (statements.size >= STATEMENT_CACHE_SIZE) statements.delete(statements.keys().next().value!);
    }
    statements.set(query, statement);
    return statement;
  };
}

/** Runs one statement the way drizzle's sqlite-proxy expects: rows as arrays of values. */
function execute(prepare: (query: string) => BetterSqlite3.Statement, query: string, params: unknown[], method: Method) {
  const statement = prepare(query);
  if (method === "run" || !statement.reader) return { rows: [], ...statement.run(...params) };
  if (method === "get") return { rows: statement.get(...params) as unknown[] };
  return { rows: statement.all(...params) as unknown[][] };
}

function openPostgres(url: string, poolMax: number): Database {
  const pool = new pg.Pool({
    connectionString: url,
    // Each serverless instance has its own pool: a few connections each keeps
    // instances × max under the server's max_connections (docs/decisions/003-database-url.md).
    max: poolMax,
    // Frozen or idle instances give their connections back quickly.
    idleTimeoutMillis: 10_000,
    // An unreachable database fails the request in 5 s instead of hanging it.
    connectionTimeoutMillis: 5_000,
    // Scripts and tests may exit while idle connections remain.
    allowExitOnIdle: true,
  });
  // An idle connection dropped by the server emits here; unhandled, it would crash the process.
  pool.on("error", (error) => console.error("PostgreSQL pool: idle connection failed:", error.message));
  const db = drizzlePg({ client: pool, schema: pgSchema });
  const scope = new AsyncLocalStorage<{ open: boolean }>();

  return {
    dialect: "postgres",
    db,
    schema: pgSchema,
    async withTransaction(fn, options = {}) {
      assertNotNested(scope);
      return db.transaction(async (tx) => {
        if (options.lockKey !== undefined) {
          await tx.execute(sql`select pg_advisory_xact_lock(hashtextextended(${options.lockKey}, 0))`);
        }
        const owner = { open: true };
        try {
          return await scope.run(owner, () => fn(tx));
        } finally {
          owner.open = false;
        }
      });
    },
    auth: {
      dialect: "postgres",
      db,
      usersTable: pgSchema.users,
      accountsTable: pgSchema.accounts,
      sessionsTable: pgSchema.sessions,
      verificationTokensTable: pgSchema.verificationTokens,
    },
    close: () => pool.end(),
  };
}

// Nesting would deadlock on SQLite's mutex and silently open a second, independent
// transaction on PostgreSQL; both are bugs, so both dialects refuse it the same way.
function assertNotNested(scope: AsyncLocalStorage<{ open: boolean }>) {
  if (scope.getStore()?.open) {
    throw new Error("withTransaction cannot be nested: pass the outer transaction's tx to the inner code instead");
  }
}

/** Runs tasks one at a time, in call order; a failing task does not block the next. */
function createMutex() {
  let tail: Promise<unknown> = Promise.resolve();
  return function exclusive<T>(task: () => T | Promise<T>): Promise<T> {
    const result = tail.then(task);
    tail = result.catch(() => undefined);
    return result;
  };
}
