import "server-only";
import { and, count, desc, eq, gt, lte, or, sql } from "drizzle-orm";
import { getDb, withTransaction, type Db } from "@/db/client";
import { columnPlaceholder, prepared } from "@/db/prepared";

export type RateLimitResult = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * Records one use of `bucket` by `key` ("sign-in-email" by an address, "comment" by a user
 * id) unless `limit` uses already fall within the last `windowMs`. Counting and recording
 * happen in one transaction, serialised per bucket and key across every instance, so
 * concurrent callers can never pass the limit together. Hits older than the window for
 * this key are deleted on the way, which bounds the table to `limit` rows per key.
 */
export async function takeRateLimitToken({
  bucket,
  key,
  limit,
  windowMs,
  now = new Date(),
}: {
  bucket: string;
  key: string;
  limit: number;
  windowMs: number;
  now?: Date;
}): Promise<RateLimitResult> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError("limit must be a whole number of at least 1");
  if (!(windowMs > 0)) throw new RangeError("windowMs must be above 0");
  const windowStart = new Date(now.getTime() - windowMs);
  const { rateLimitHits: hits } = getDb().schema;

  return withTransaction(
    async (tx) => {
      const sameKey = and(eq(hits.bucket, bucket), eq(hits.key, key));
      await tx.delete(hits).where(and(sameKey, lte(hits.at, windowStart)));
      // The `limit` newest hits in the window; if there are that many, the oldest of them
      // is the one whose expiry lets the next use through.
      const recent = await tx
        .select({ at: hits.at })
        .from(hits)
        .where(and(sameKey, gt(hits.at, windowStart)))
        .orderBy(desc(hits.at))
        .limit(limit);
      const oldest = recent[limit - 1];
      if (oldest) {
        return { ok: false, retryAfterMs: Math.max(1, oldest.at.getTime() + windowMs - now.getTime()) };
      }
      await tx.insert(hits).values({ bucket, key, at: now });
      return { ok: true };
    },
    { lockKey: `rate-limit:${bucket}:${key}` },
  );
}

/** One limit of several taken together: at most `limit` uses of `bucket` within `windowMs`. */
export type RateLimit = { bucket: string; limit: number; windowMs: number };

/**
 * takeRateLimitToken for several limits on one key at once ("30 a minute and 1,000 a day"): one
 * transaction, one delete, one read per limit (the oldest of its `limit` newest hits only, not
 * every hit) and one insert, so a vote pays for its limits once. Refused by any limit, it
 * records nothing and says how long until every limit that refused lets the next use through.
 */
export async function takeRateLimitTokens({ key, limits, now = new Date() }: { key: string; limits: readonly RateLimit[]; now?: Date }): Promise<RateLimitResult | { ok: false; retryAfterMs: number; bucket: string }> {
  for (const { limit, windowMs } of limits) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError("limit must be a whole number of at least 1");
    if (!(windowMs > 0)) throw new RangeError("windowMs must be above 0");
  }
  const windowStart = (windowMs: number) => new Date(now.getTime() - windowMs);
  return withTransaction(
    async (tx) => {
      const statements = rateLimitStatements(tx, limits.length);
      const expired: Record<string, unknown> = { key };
      limits.forEach(({ bucket, windowMs }, index) => Object.assign(expired, { [`bucket${index}`]: bucket, [`before${index}`]: windowStart(windowMs) }));
      await statements.deleteExpired.execute(expired);
      let refusal: { ok: false; retryAfterMs: number; bucket: string } | undefined;
      for (const { bucket, limit, windowMs } of limits) {
        const [oldest] = await statements.oldestCounted.execute({ bucket, key, since: windowStart(windowMs), offset: limit - 1 });
        const wait = oldest ? Math.max(1, oldest.at.getTime() + windowMs - now.getTime()) : 0;
        if (wait > (refusal?.retryAfterMs ?? 0)) refusal = { ok: false, retryAfterMs: wait, bucket };
      }
      if (refusal) return refusal;
      const hit: Record<string, unknown> = { key, at: now };
      limits.forEach(({ bucket }, index) => (hit[`bucket${index}`] = bucket));
      await statements.insertHits.execute(hit);
      return { ok: true };
    },
    { lockKey: `rate-limit:${limits.map((limit) => limit.bucket).join("+")}:${key}` },
  );
}

/**
 * takeRateLimitTokens' statements for `count` limits, prepared once per db (db/prepared.ts): a
 * vote takes its tokens on every request, and building the SQL cost more than running it.
 * Placeholders: key, bucketN and beforeN (a Date) per limit N; bucket, key, since, offset; key,
 * at, bucketN.
 */
function rateLimitStatements(db: Db, count: number) {
  const { rateLimitHits: hits } = getDb().schema;
  const indexes = Array.from({ length: count }, (_, index) => index);
  const deleteExpired = prepared(db, `rateLimits:deleteExpired:${count}`, (db) =>
    db
      .delete(hits)
      .where(
        and(
          eq(hits.key, sql.placeholder("key")),
          or(...indexes.map((index) => and(eq(hits.bucket, sql.placeholder(`bucket${index}`)), lte(hits.at, columnPlaceholder(`before${index}`, hits.at))))),
        ),
      ),
  );
  // The oldest of the `limit` newest hits in the window (offset limit - 1), if there are that many.
  const oldestCounted = prepared(db, "rateLimits:oldestCounted", (db) =>
    db
      .select({ at: hits.at })
      .from(hits)
      .where(and(eq(hits.bucket, sql.placeholder("bucket")), eq(hits.key, sql.placeholder("key")), gt(hits.at, columnPlaceholder("since", hits.at))))
      .orderBy(desc(hits.at))
      .limit(1)
      .offset(sql.placeholder("offset")),
  );
  const insertHits = prepared(db, `rateLimits:insertHits:${count}`, (db) =>
    db.insert(hits).values(indexes.map((index) => ({ bucket: sql.placeholder(`bucket${index}`), key: sql.placeholder("key"), at: sql.placeholder("at") }))),
  );
  return { deleteExpired, oldestCounted, insertHits };
}

/**
 * How many uses of `bucket` by `key` fall within the last `windowMs`. Read-only, for a
 * friendly early answer in a form; the limit itself is enforced by takeRateLimitToken.
 */
export async function countRateLimitHits({
  bucket,
  key,
  windowMs,
  now = new Date(),
}: {
  bucket: string;
  key: string;
  windowMs: number;
  now?: Date;
}): Promise<number> {
  const { db, schema } = getDb();
  const hits = schema.rateLimitHits;
  const [row] = await db
    .select({ hits: count() })
    .from(hits)
    .where(and(eq(hits.bucket, bucket), eq(hits.key, key), gt(hits.at, new Date(now.getTime() - windowMs))));
  return row?.hits ?? 0;
}
