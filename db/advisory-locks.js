// PostgreSQL advisory lock ids that this app's processes share. Any fixed 64-bit numbers
// work, as long as every process (app instances, migrations, benchmarks) uses the same ones,
// so they are written here once. Plain JavaScript like db/url.js: the cache handler, which
// Node loads without TypeScript, takes one of them.

/** Held (pg_advisory_lock, session level) while migrations run, so instances starting together apply each once. */
export const MIGRATION_LOCK_ID = 7_165_331_904_112;

/** Held (pg_advisory_xact_lock) by every writer of cache_tag_events, so sequence order is commit order. */
export const CACHE_TAG_EVENTS_LOCK_ID = 7_165_331_904_113;
