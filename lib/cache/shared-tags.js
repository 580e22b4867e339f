// Cache-tag invalidations shared by every instance through the database.
//
// Next keeps "tag X was invalidated at T" in a per-process map (tags-manifest.external).
// An invalidation on one instance (a comment posted there) must reach every other
// instance before its next cached read, so each invalidation is also written to the
// cache_tag_events table, and every cache read first copies newer rows into the map.
// The SQL is in db/queries/cache-tags.ts, reached through ./shared-tag-store.js.
// See docs/decisions/009-static-essays-with-live-threads.md and 022.
//
// Plain JavaScript: Node loads the cache handler at run time, outside the app's bundle.
// A named import: Node finds it in the CommonJS module's exports, and so does Next's bundler
// (this file is also bundled into proxy.ts's bundle).
import { tagsManifest } from "next/dist/server/lib/incremental-cache/tags-manifest.external.js";
import { getSharedTagStore } from "./shared-tag-store.js";

/** @typedef {import("./shared-tag-store.js").CacheTagEvent} TagEvent */

let lastSeq = 0;
let warned = false;

/** @param {unknown} error */
function warnOnce(error) {
  if (warned) return;
  warned = true;
  const reason = error instanceof Error ? error.message : String(error);
  console.warn(`[cache] Shared cache tags are unavailable (${reason}); invalidations stay local to this instance until it can reach the database.`);
}

/** Copies invalidations recorded by any instance since the last call into Next's tag map. */
export async function syncSharedTags() {
  const store = getSharedTagStore();
  if (!store) return;
  try {
    const events = await store.read(lastSeq);
    for (const event of events) {
      const known = tagsManifest.get(event.tag) ?? {};
      tagsManifest.set(event.tag, {
        ...known,
        ...(event.staleAt !== null ? { stale: Math.max(known.stale ?? 0, event.staleAt) } : {}),
        ...(event.expiredAt !== null ? { expired: Math.max(known.expired ?? 0, event.expiredAt) } : {}),
      });
      lastSeq = Math.max(lastSeq, event.seq);
    }
    warned = false;
  } catch (error) {
    warnOnce(error);
  }
}

/**
 * Records invalidations with Next's own meaning: no durations → expired now;
 * durations → stale now, expired after `expire` seconds.
 * @param {string[]} tags
 * @param {{ expire?: number } | undefined} durations
 */
export async function recordSharedTags(tags, durations) {
  if (tags.length === 0) return;
  const now = Date.now();
  /** @type {TagEvent[]} */
  const events = tags.map((tag) =>
    durations
      ? { tag, staleAt: now, expiredAt: durations.expire !== undefined ? now + durations.expire * 1000 : null }
      : { tag, staleAt: null, expiredAt: now },
  );
  const store = getSharedTagStore();
  if (!store) return;
  try {
    await store.write(events);
  } catch (error) {
    warnOnce(error);
  }
}
