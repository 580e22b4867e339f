// The shared cache-tag queries on a given connection (docs/decisions/009 and 022). No
// `server-only` here, like db/connect.ts: scripts (the WXR import) record invalidations too.
// The app's queries, on its own connection, are db/queries/cache-tags.ts.
import { asc, gt, max, sql } from "drizzle-orm";
import { CACHE_TAG_EVENTS_LOCK_KEY } from "./advisory-locks.js";
import type { Database } from "./connect";

/** One invalidation with Next's meaning: stale from `staleAt`, expired from `expiredAt` (epoch ms). */
export type CacheTagEvent = { tag: string; staleAt: number | null; expiredAt: number | null };

type On = Pick<Database, "db" | "schema" | "withTransaction">;

/** Every tag changed after `seq`, oldest change first; `seq` only grows, so the caller keeps the last one it saw. */
export async function listCacheTagEventsSince(on: On, { seq }: { seq: number }): Promise<(CacheTagEvent & { seq: number })[]> {
  const events = on.schema.cacheTagEvents;
  return on.db
    .select({ tag: events.tag, staleAt: events.staleAt, expiredAt: events.expiredAt, seq: events.seq })
    .from(events)
    .where(gt(events.seq, seq))
    .orderBy(asc(events.seq));
}

/**
 * Records invalidations, one row per tag (a tag's newer event replaces its older one). Runs
 * inside a comment post, so it is two statements: the next sequence number, then one upsert.
 * Writers take turns (SQLite's write lock, an advisory lock on PostgreSQL) so sequence order is
 * commit order: no reader can see seq N+1 committed while N is still to come, and skip N.
 */
export async function recordCacheTagEvents(on: On, { events }: { events: CacheTagEvent[] }): Promise<void> {
  // A tag named twice keeps its last event: one upsert may not touch a row twice (PostgreSQL).
  const latest = [...new Map(events.map((event) => [event.tag, event])).values()];
  if (latest.length === 0) return;
  const table = on.schema.cacheTagEvents;
  await on.withTransaction(
    async (tx) => {
      const [last] = await tx.select({ seq: max(table.seq) }).from(table);
      const first = Number(last?.seq ?? 0) + 1;
      await tx
        .insert(table)
        .values(latest.map((event, index) => ({ ...event, seq: first + index })))
        .onConflictDoUpdate({
          target: table.tag,
          set: { staleAt: sql`excluded.stale_at`, expiredAt: sql`excluded.expired_at`, seq: sql`excluded.seq` },
        });
    },
    { lockKey: CACHE_TAG_EVENTS_LOCK_KEY },
  );
}

/** The two queries as the cache handler's store (lib/cache/shared-tag-store.js). */
export function cacheTagStore(on: On) {
  return {
    read: (since: number) => listCacheTagEventsSince(on, { seq: since }),
    write: (events: CacheTagEvent[]) => recordCacheTagEvents(on, { events }),
  };
}
