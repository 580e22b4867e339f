import "server-only";
import { getDb, withTransaction } from "@/db/client";
import { cacheTagStore, type CacheTagEvent } from "@/db/cache-tag-events";

export type { CacheTagEvent } from "@/db/cache-tag-events";

// Cache-tag invalidations shared by every instance (docs/decisions/009 and 022), on the app's
// connection. instrumentation.ts hands them to the ISR cache handler (lib/cache/shared-tags.js).
const store = () => cacheTagStore({ ...getDb(), withTransaction });

/** Every tag changed after `seq`, oldest change first. */
export function listCacheTagEventsSince({ seq }: { seq: number }) {
  return store().read(seq);
}

/** Records invalidations; sequence order is commit order (db/cache-tag-events.ts). */
export function recordCacheTagEvents({ events }: { events: CacheTagEvent[] }) {
  return store().write(events);
}
