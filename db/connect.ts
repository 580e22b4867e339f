// Opens a database for either dialect and hands out ONE query API for both
// (docs/decisions/002-one-query-layer-two-dialects.md). No `server-only` here:
// scripts and tests run this file through tsx/vitest, where that package throws.
// The app's lazy singleton is db/client.ts.
import { AsyncLocalStorage } from "node:async_hooks";
import BetterSqlite3 from "better-sqlite3";
import { sql } from "drizzle-orm";
import { drizzle as drizzlePg, type NodePgDatabase } from "drizzle-orm/node-postgres";
import { drizzle as drizzleSqliteProxy, type SqliteRemoteDatabase } from "drizzle-orm/sqlite-proxy";
import pg from "pg";
import { TRANSACTION_LOCK_SQL } from "./advisory-locks.js";
import * as pgSchema from "./schema/pg";
import { rowTypesAgree } from "./schema/row-types";
import * as sqliteSchema from "./schema/sqlite";
import { explainDatabaseError, prepareSqliteDirectory } from "./database-errors.js";
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
  return config.dialect === "sqlite" ? openSqlite(config) : openPostgres(config, options.poolMax ?? 5);
}

type SqliteConfig = Extract<DatabaseConfig, { dialect: "sqlite" }>;
type PostgresConfig = Extract<DatabaseConfig, { dialect: "postgres" }>;

/** A raw better-sqlite3 connection with the settings every connection here uses (also used by db/migrate.ts). */
export function openSqliteConnection(config: SqliteConfig): BetterSqlite3.Database {
  // A fresh checkout has no data/ folder yet; a directory named in DATABASE_URL must exist.
  prepareSqliteDirectory(config);
  let sqlite: BetterSqlite3.Database;
  try {
    sqlite = new BetterSqlite3(config.file);
  } catch (error) {
    throw explainDatabaseError(error, config) ?? error;
  }
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

function openSqlite(config: SqliteConfig): Database {
  const sqlite = openSqliteConnection(config);
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
    try {
      if (scope.getStore()?.open) return execute(prepare, query, params, method);
      return await exclusive(() => execute(prepare, query, params, method));
    } catch (error) {
      // "no such table: comments" becomes "… has no tables yet: run npm run db:migrate".
      throw explainDatabaseError(error, config) ?? error;
    }
  };
  const proxy = drizzleSqliteProxy(run, { schema: sqliteSchema });
  const { db, schema } = sqliteAsQueryLayer(proxy);

  return {
    dialect: "sqlite",
    db,
    schema,
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

/**
 * The one place where SQLite's db and tables are handed out as the query layer's
 * PostgreSQL-typed Db and Schema. Drizzle 0.45 has no builder type that both dialects'
 * databases satisfy (each dialect's select/insert builders are their own classes), so
 * queries written once are typed by one dialect, and this is an assertion, not a conversion
 * (docs/decisions/029-schema-parity-and-the-one-dialect-bridge.md). What makes it sound is
 * checked: the row types of every table agree at compile time (rowTypesAgree), the SQL of
 * every table and column agrees in tests/unit/db-schema-parity.test.ts, and the contract
 * suites run every query on SQLite.
 */
function sqliteAsQueryLayer(proxy: SqliteRemoteDatabase<typeof sqliteSchema>): { db: Db; schema: Schema } {
  const rowsAgree: true = rowTypesAgree;
  void rowsAgree;
  return { db: proxy as unknown as Db, schema: sqliteSchema as unknown as Schema };
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

function openPostgres(config: PostgresConfig, poolMax: number): Database {
  const pool = new ExplainingPool(config, {
    connectionString: config.url,
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
  pool.on("error", (error) => console.error("PostgreSQL pool: idle connection failed:", (explainDatabaseError(error, config) ?? error).message));
  const db = drizzlePg({ client: pool, schema: pgSchema });
  const scope = new AsyncLocalStorage<{ open: boolean }>();

  return {
    dialect: "postgres",
    db,
    schema: pgSchema,
    async withTransaction(fn, options = {}) {
      assertNotNested(scope);
      return db.transaction(async (tx) => {
        if (options.lockKey !== undefined) await tx.execute(transactionLock(options.lockKey));
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

/**
 * A pg Pool whose failures to connect say which setting to check ("… from DATABASE_URL cannot be
 * reached: nothing is listening at 127.0.0.1:5999 …") instead of pg's bare "connect ECONNREFUSED".
 * Every query and transaction goes through connect(): pool.query() calls it, and so does
 * drizzle's transaction().
 */
class ExplainingPool extends pg.Pool {
  constructor(
    private readonly config: PostgresConfig,
    options: pg.PoolConfig,
  ) {
    super(options);
  }

  override connect(): Promise<pg.PoolClient>;
  override connect(callback: (error: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void): void;
  override connect(
    callback?: (error: Error | undefined, client: pg.PoolClient | undefined, done: (release?: unknown) => void) => void,
  ): Promise<pg.PoolClient> | void {
    if (callback) {
      super.connect((error, client, done) => callback(error ? (explainDatabaseError(error, this.config) ?? error) : error, client, done));
      return;
    }
    return super.connect().catch((error: unknown) => {
      throw explainDatabaseError(error, this.config) ?? error;
    });
  }
}

/** db/advisory-locks.js's TRANSACTION_LOCK_SQL with the key bound as its one parameter. */
function transactionLock(key: string) {
  const [before = "", after = ""] = TRANSACTION_LOCK_SQL.split("$1");
  return sql`${sql.raw(before)}${key}${sql.raw(after)}`;
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
