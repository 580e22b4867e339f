// Cache-tag invalidations shared by every instance through the database.
//
// Next keeps "tag X was invalidated at T" in a per-process map (tags-manifest.external).
// An invalidation on one instance (a comment posted there) must reach every other
// instance before its next cached read, so each invalidation is also written to the
// cache_tag_events table, and every cache read first copies newer rows into the map.
// See docs/decisions/009-static-essays-with-live-threads.md.
//
// Plain JavaScript: Node loads the cache handler at run time, outside the app's bundle.
import tagsManifestModule from "next/dist/server/lib/incremental-cache/tags-manifest.external.js";
import { parseDatabaseUrl } from "../../db/url.js";
import { env } from "../../env.js";

const { tagsManifest } = tagsManifestModule;

/** @typedef {{ tag: string, staleAt: number | null, expiredAt: number | null }} TagEvent */
/** @typedef {{ read(since: number): Promise<(TagEvent & { seq: number })[]>, write(events: TagEvent[]): Promise<void> }} TagStore */

/** @returns {Promise<TagStore>} */
async function openStore() {
  const config = parseDatabaseUrl(env.DATABASE_URL, env.DATA_DIR);
  if (config.dialect === "sqlite") {
    const { default: Database } = await import("better-sqlite3");
    const db = new Database(config.file, { fileMustExist: true });
    db.pragma("busy_timeout = 5000");
    // As the app's own connection (db/connect.ts): in WAL mode, NORMAL syncs at checkpoints, not
    // on every commit. The default (FULL) made every invalidation wait for the disk, inside a
    // comment's request and with the event loop blocked (better-sqlite3 is synchronous).
    db.pragma("synchronous = NORMAL");
    const select = db.prepare(
      "select tag, stale_at as staleAt, expired_at as expiredAt, seq from cache_tag_events where seq > ? order by seq",
    );
    const nextSeq = db.prepare("select coalesce(max(seq), 0) + 1 as seq from cache_tag_events");
    const upsert = db.prepare(
      "insert into cache_tag_events (tag, stale_at, expired_at, seq) values (?, ?, ?, ?) " +
        "on conflict (tag) do update set stale_at = excluded.stale_at, expired_at = excluded.expired_at, seq = excluded.seq",
    );
    // IMMEDIATE: take the write lock before reading max(seq), so sequence order is commit order.
    const writeAll = db.transaction((/** @type {TagEvent[]} */ events) => {
      let seq = /** @type {{ seq: number }} */ (nextSeq.get()).seq;
      for (const event of events) upsert.run(event.tag, event.staleAt, event.expiredAt, seq++);
    });
    return {
      read: async (since) => /** @type {(TagEvent & { seq: number })[]} */ (select.all(since)),
      write: async (events) => writeAll.immediate(events),
    };
  }
  const { default: pg } = await import("pg");
  const pool = new pg.Pool({ connectionString: config.url, max: 1, idleTimeoutMillis: 10_000, connectionTimeoutMillis: 5_000 });
  pool.on("error", () => undefined);
  return {
    async read(since) {
      const { rows } = await pool.query(
        'select tag, stale_at as "staleAt", expired_at as "expiredAt", seq from cache_tag_events where seq > $1 order by seq',
        [since],
      );
      return rows.map((row) => ({ ...row, staleAt: numberOrNull(row.staleAt), expiredAt: numberOrNull(row.expiredAt), seq: Number(row.seq) }));
    },
    async write(events) {
      const client = await pool.connect();
      try {
        await client.query("begin");
        // One writer at a time, so a sequence number is never seen before a smaller one commits.
        await client.query("select pg_advisory_xact_lock(7165331904113)");
        const { rows } = await client.query("select coalesce(max(seq), 0) + 1 as seq from cache_tag_events");
        let seq = Number(rows[0].seq);
        for (const event of events) {
          await client.query(
            "insert into cache_tag_events (tag, stale_at, expired_at, seq) values ($1, $2, $3, $4) " +
              "on conflict (tag) do update set stale_at = excluded.stale_at, expired_at = excluded.expired_at, seq = excluded.seq",
            [event.tag, event.staleAt, event.expiredAt, seq++],
          );
        }
        await client.query("commit");
      } catch (error) {
        await client.query("rollback").catch(() => undefined);
        throw error;
      } finally {
        client.release();
      }
    },
  };
}

/** @param {unknown} value */
function numberOrNull(value) {
  return value === null || value === undefined ? null : Number(value);
}

/** @type {Promise<TagStore> | undefined} */
let store;
let lastSeq = 0;
let warned = false;

/** @param {unknown} error */
function warnOnce(error) {
  if (warned) return;
  warned = true;
  const reason = error instanceof Error ? error.message : String(error);
  console.warn(`[cache] Shared cache tags are unavailable (${reason}); invalidations stay local to this instance until it can reach the database.`);
}

function getStore() {
  store ??= openStore().catch((error) => {
    store = undefined;
    throw error;
  });
  return store;
}

/** Copies invalidations recorded by any instance since the last call into Next's tag map. */
export async function syncSharedTags() {
  try {
    const events = await (await getStore()).read(lastSeq);
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
  try {
    await (await getStore()).write(events);
  } catch (error) {
    warnOnce(error);
  }
}
