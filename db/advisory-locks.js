// The PostgreSQL advisory locks that this app's processes share, written once: every process
// (app instances, migrations, benchmarks, scripts) must take the same lock for the same thing.
// Plain JavaScript (typed with JSDoc) like db/url.js, so scripts and benchmarks outside the
// app's TypeScript build import it as they are.

/**
 * Held (pg_advisory_lock, session level, on its own connection) while migrations run, so
 * instances starting together apply each migration once. Any fixed 64-bit number works.
 */
export const MIGRATION_LOCK_ID = 7_165_331_904_112;

/**
 * The withTransaction lockKey of every writer of cache_tag_events (db/cache-tag-events.ts and
 * bench/lib/comment-seed.ts), so sequence order is commit order (docs/decisions/022).
 */
export const CACHE_TAG_EVENTS_LOCK_KEY = "cache_tag_events";

/**
 * How a lockKey becomes a transaction lock (db/connect.ts's withTransaction): the key hashed
 * to 64 bits, so keys need no registry. `$1` is the key; for code on the plain pg driver.
 */
export const TRANSACTION_LOCK_SQL = "select pg_advisory_xact_lock(hashtextextended($1, 0))";
