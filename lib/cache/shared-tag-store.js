// Hands the cache handler the database queries for shared cache tags.
//
// Node loads the cache handler (lib/cache/isr-cache-handler.js) from next.config.js at run time,
// outside the app's bundle and without TypeScript, so it cannot import db/. instrumentation.ts,
// which Next bundles and runs before the server takes requests, provides the queries from
// db/queries/cache-tags.ts here. The two sides are different module graphs (the bundle has its
// own copy of this file), so the store lives on globalThis under a registered symbol.
// See docs/decisions/022-shared-cache-tags-through-db.md.

/** @typedef {import("../../db/cache-tag-events").CacheTagEvent} CacheTagEvent */
/**
 * @typedef {{
 *   read(since: number): Promise<(CacheTagEvent & { seq: number })[]>,
 *   write(events: CacheTagEvent[]): Promise<void>,
 * }} SharedTagStore
 */

const STORE = Symbol.for("essays.sharedTagStore");
const slot = /** @type {{ [STORE]?: SharedTagStore }} */ (globalThis);

/** @param {SharedTagStore} store */
export function provideSharedTagStore(store) {
  slot[STORE] = store;
}

/** @returns {SharedTagStore | undefined} undefined while `next build` prerenders (nothing to share then). */
export function getSharedTagStore() {
  return slot[STORE];
}
