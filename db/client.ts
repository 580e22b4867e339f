import "server-only";
import { env } from "@/env.js";
import { openDatabase, type AuthAdapterConfig, type Database, type Db, type Schema, type TransactionOptions } from "./connect";
import { parseDatabaseUrl } from "./url";

export type { Db, Schema, TransactionOptions } from "./connect";

// Opened on first use, never at import: `next build` imports every route module.
let database: Database | undefined;

// One connection per process. `next dev` re-evaluates changed modules, and Next's bundles
// (instrumentation.ts, which hands the cache handler its tag queries, and the routes) may each
// evaluate this file: a second SQLite connection in the same thread would have its own mutex and
// could wait on the first one's write lock with the event loop blocked. Tests load several copies
// on purpose, each acting as one instance with its own connection.
const devCache = globalThis as typeof globalThis & { essaysDatabase?: Database };

function current(): Database {
  if (env.NODE_ENV !== "test") devCache.essaysDatabase ??= open();
  return (database ??= devCache.essaysDatabase ?? open());
}

function open(): Database {
  return openDatabase(parseDatabaseUrl(env.DATABASE_URL, env.DATA_DIR), { poolMax: env.DATABASE_POOL_MAX });
}

/** The query builder and tables for db/queries; the same code runs on SQLite and PostgreSQL. */
export function getDb(): { db: Db; schema: Schema; dialect: Database["dialect"] } {
  const { db, schema, dialect } = current();
  return { db, schema, dialect };
}

/** Runs fn in one transaction: every write in it lands, or none does. Keep it short and free of other I/O. */
export function withTransaction<T>(fn: (tx: Db) => Promise<T>, options?: TransactionOptions): Promise<T> {
  return current().withTransaction(fn, options);
}

/** The real dialect-specific db and tables for @auth/drizzle-adapter (see db/auth-adapter.ts). */
export function getAuthAdapterConfig(): AuthAdapterConfig {
  return current().auth;
}

/** Closes the connection or pool (tests, graceful shutdown); the next call opens a fresh one. */
export async function closeDb(): Promise<void> {
  const open = database;
  database = undefined;
  if (devCache.essaysDatabase === open) devCache.essaysDatabase = undefined;
  await open?.close();
}
