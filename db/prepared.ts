import { Param, sql, type Column } from "drizzle-orm";
import type { Db } from "./connect";

/** A query built once, run with its placeholders' values; the same shape on both dialects. */
export type PreparedQuery<T> = { execute(values: Record<string, unknown>): Promise<T> };

type Preparable<T> = { prepare(name: string): { execute(values?: Record<string, unknown>): Promise<T> } };

// By db object: getDb() hands out a new one whenever the database is opened again (tests),
// and a PostgreSQL transaction is a db object of its own (its queries must run on its client).
const cache = new WeakMap<object, Map<string, PreparedQuery<unknown>>>();

/**
 * The query `build` makes, prepared once per db object and kept under `key`: later calls
 * skip building its SQL (about 1 ms of CPU per query on the posting path). Values go in as
 * sql.placeholder (text, numbers, null: passed as they are) or columnPlaceholder (encoded
 * like the column, e.g. a Date). On SQLite a transaction's tx is the db itself, so queries
 * prepared on it serve every transaction; on PostgreSQL each transaction builds its own.
 * Never use a query prepared on one db object with another (hence the key by db).
 */
export function prepared<T>(db: Db, key: string, build: (db: Db) => Preparable<T>): PreparedQuery<T> {
  let queries = cache.get(db);
  if (!queries) cache.set(db, (queries = new Map()));
  let query = queries.get(key) as PreparedQuery<T> | undefined;
  if (!query) {
    // No name: on PostgreSQL an unnamed statement, parsed per execution like an ordinary
    // query (a named one would be cached per server connection and outlive schema changes);
    // SQLite's prepare() takes no name.
    query = (build(db) as unknown as { prepare(): PreparedQuery<T> }).prepare();
    queries.set(key, query);
  }
  return query;
}

/**
 * A placeholder whose value is encoded the way `column` encodes its values when the query
 * runs: a Date becomes integer milliseconds on SQLite and ISO text on PostgreSQL. A bare
 * sql.placeholder reaches the driver unencoded, which neither dialect accepts for a Date.
 */
export function columnPlaceholder(name: string, column: Column): Param {
  return new Param(sql.placeholder(name), column);
}
