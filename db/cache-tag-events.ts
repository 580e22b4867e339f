// The shared cache-tag queries on a given connection (docs/decisions/009 and 022). No
// `server-only` here, like db/connect.ts: scripts (the WXR import) record invalidations too.
// The app's queries, on its own connection, are db/queries/cache-tags.ts.
import { asc, gt, max, sql } from "drizzle-orm";
import { CACHE_TAG_EVENTS_LOCK_KEY } from "./advisory-locks.js";
import type { Database, Db, Schema } from "./connect";
import { prepared } from "./prepared";

/** One invalidation with Next's meaning: stale from `staleAt`, expired from `expiredAt` (epoch ms). */
export type CacheTagEvent = { tag: string; staleAt: number | null; expiredAt: number | null };

type On = Pick<Database, "db" | "schema" | "withTransaction">;

/** Every tag changed after `seq`, oldest change first; `seq` only grows, so the caller keeps the last one it saw. */
export async function listCacheTagEventsSince(on: On, { seq }: { seq: number }): Promise<(CacheTagEvent & { seq: number })[]> {
  // Prepared once per db (db/prepared.ts): every cached read asks first.
  const events = on.schema.cacheTagEvents;
  return prepared(on.db, "cacheTags:since", (db) =>
    db
      .select({ tag: events.tag, staleAt: events.staleAt, expiredAt: events.expiredAt, seq: events.seq })
      .from(events)
      .where(gt(events.seq, sql.placeholder("seq")))
      .orderBy(asc(events.seq)),
  ).execute({ seq });
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
  await on.withTransaction(
    async (tx) => {
      const statements = recordStatements(tx, on.schema, latest.length);
      const [last] = await statements.lastSeq.execute({});
      const first = Number(last?.seq ?? 0) + 1;
      const values: Record<string, unknown> = {};
      latest.forEach((event, index) => Object.assign(values, { [`tag${index}`]: event.tag, [`staleAt${index}`]: event.staleAt, [`expiredAt${index}`]: event.expiredAt, [`seq${index}`]: first + index }));
      await statements.upsert.execute(values);
    },
    { lockKey: CACHE_TAG_EVENTS_LOCK_KEY },
  );
}

/**
 * recordCacheTagEvents' two statements for `count` events, prepared once per db (db/prepared.ts):
 * every comment write records its tags. Placeholders: tagN, staleAtN, expiredAtN, seqN per event N.
 */
function recordStatements(db: Db, schema: Schema, count: number) {
  const table = schema.cacheTagEvents;
  const lastSeq = prepared(db, "cacheTags:lastSeq", (db) => db.select({ seq: max(table.seq) }).from(table));
  const upsert = prepared(db, `cacheTags:upsert:${count}`, (db) =>
    db
      .insert(table)
      .values(
        Array.from({ length: count }, (_, index) => ({
          tag: sql.placeholder(`tag${index}`),
          staleAt: sql.placeholder(`staleAt${index}`),
          expiredAt: sql.placeholder(`expiredAt${index}`),
          seq: sql.placeholder(`seq${index}`),
        })),
      )
      .onConflictDoUpdate({
        target: table.tag,
        set: { staleAt: sql`excluded.stale_at`, expiredAt: sql`excluded.expired_at`, seq: sql`excluded.seq` },
      }),
  );
  return { lastSeq, upsert };
}

/** The two queries as the cache handler's store (lib/cache/shared-tag-store.js). */
export function cacheTagStore(on: On) {
  return {
    read: (since: number) => listCacheTagEventsSince(on, { seq: since }),
    write: (events: CacheTagEvent[]) => recordCacheTagEvents(on, { events }),
  };
}
