import "server-only";
import { and, count, desc, eq, gt, lte } from "drizzle-orm";
import { getDb, withTransaction } from "@/db/client";

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
