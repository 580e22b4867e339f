import "server-only";
import { and, asc, count, eq, inArray, isNull, lt, lte, min, or, sql } from "drizzle-orm";
import { getDb, type Db } from "@/db/client";
import { prepared } from "@/db/prepared";

// The outbox: e-mail waiting to be sent, delivered by lib/notifications/deliver-outbox.ts.
// Rows are never deleted: sent and failed messages stay as the record of what went out.
// See docs/decisions/012-notifications-outbox.md.

export type NewOutboxMessage = {
  kind: string;
  /** The same event never queues twice: a second message with this key is ignored. */
  dedupeKey: string;
  toAddress: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
};

/** A message a sender holds until `claimedUntil`; only the sender and the outbox see `toAddress`. */
export type ClaimedMessage = {
  id: number;
  kind: string;
  dedupeKey: string;
  toAddress: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  /** Attempts made before this one. */
  attempts: number;
  claimedUntil: Date;
};

export type OutboxStats = {
  pending: number;
  /** Pending messages that failed at least once and wait for their next attempt. */
  retrying: number;
  sent: number;
  /** Gave up after the last attempt; kept for a person to look at. */
  failed: number;
  /** When the earliest pending message is due, or null when none is pending. */
  nextAttemptAt: Date | null;
};

// Keeps one INSERT's bound parameters far below SQLite's limit (8 columns a row).
const INSERT_CHUNK = 200;

/**
 * Queues messages; one whose dedupeKey is already in the outbox (sent or not) is skipped.
 * Pass `tx` to queue in the same transaction as the change that caused the messages.
 */
export async function enqueueMessages({ messages, tx }: { messages: NewOutboxMessage[]; tx?: Db }): Promise<{ queued: number }> {
  const { db, schema } = getDb();
  const { outbox } = schema;
  const unique = [...new Map(messages.map((message) => [message.dedupeKey, message])).values()];
  if (unique.length === 1) {
    // One message (a Δ's, a reply's): the prepared insert, built once per db.
    const { headers, ...message } = unique[0]!;
    const rows = await insertOneQuery(tx ?? db).execute({ ...message, headers: JSON.stringify(headers ?? {}) });
    return { queued: rows.length };
  }
  let queued = 0;
  for (let start = 0; start < unique.length; start += INSERT_CHUNK) {
    const rows = await (tx ?? db)
      .insert(outbox)
      .values(
        unique.slice(start, start + INSERT_CHUNK).map(({ headers, ...message }) => ({
          ...message,
          headers: JSON.stringify(headers ?? {}),
        })),
      )
      .onConflictDoNothing({ target: outbox.dedupeKey })
      .returning({ id: outbox.id });
    queued += rows.length;
  }
  return { queued };
}

/** enqueueMessages' insert of one message, prepared once per db (db/prepared.ts): it runs inside a Δ or a reply. */
function insertOneQuery(db: Db) {
  return prepared(db, "enqueueMessages:one", (db) => {
    const { outbox } = getDb().schema;
    const value = (name: string) => sql.placeholder(name);
    return db
      .insert(outbox)
      .values({ kind: value("kind"), dedupeKey: value("dedupeKey"), toAddress: value("toAddress"), subject: value("subject"), text: value("text"), html: value("html"), headers: value("headers") })
      .onConflictDoNothing({ target: outbox.dedupeKey })
      .returning({ id: outbox.id });
  });
}

/**
 * Takes up to `limit` due messages for `senderId` until now + leaseMs, in one statement:
 *   UPDATE outbox SET claimed_by, claimed_until
 *   WHERE id IN (due ids, oldest first, LIMIT n) AND <still pending, due and unclaimed>
 *   RETURNING *
 * Two senders never get the same message. On PostgreSQL (READ COMMITTED) the second UPDATE
 * waits for the first one's row locks, then re-checks the repeated conditions against the
 * committed row and skips what the first one took. On SQLite writes are serialised (one
 * connection per process behind a mutex, and the file's write lock between processes).
 * A message whose lease ran out (its sender died) is due again.
 */
export async function claimDueMessages({
  senderId,
  limit,
  leaseMs,
  now = new Date(),
}: {
  senderId: string;
  limit: number;
  leaseMs: number;
  now?: Date;
}): Promise<ClaimedMessage[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError("limit must be a whole number of at least 1");
  if (!(leaseMs > 0)) throw new RangeError("leaseMs must be above 0");
  const { db, schema } = getDb();
  const { outbox } = schema;
  const claimable = and(
    eq(outbox.status, "pending"),
    lte(outbox.nextAttemptAt, now),
    or(isNull(outbox.claimedUntil), lt(outbox.claimedUntil, now)),
  );
  const due = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(claimable)
    .orderBy(asc(outbox.nextAttemptAt), asc(outbox.id))
    .limit(limit);
  const rows = await db
    .update(outbox)
    .set({ claimedBy: senderId, claimedUntil: new Date(now.getTime() + leaseMs) })
    .where(and(inArray(outbox.id, due), claimable))
    .returning();

  return rows
    .sort((a, b) => a.nextAttemptAt.getTime() - b.nextAttemptAt.getTime() || a.id - b.id)
    .map((row) => ({
      id: row.id,
      kind: row.kind,
      dedupeKey: row.dedupeKey,
      toAddress: row.toAddress,
      subject: row.subject,
      text: row.text,
      html: row.html,
      headers: parseHeaders(row.headers),
      attempts: row.attempts,
      claimedUntil: row.claimedUntil ?? new Date(now.getTime() + leaseMs),
    }));
}

function parseHeaders(stored: string): Record<string, string> {
  try {
    const parsed: unknown = JSON.parse(stored);
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return {};
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === "string"));
  } catch {
    return {};
  }
}

/**
 * Records a delivered message. Only the sender holding it can: `updated` is false when the
 * lease ran out and another sender took the message over (it may then go out twice).
 */
export async function markMessageSent({
  id,
  senderId,
  now = new Date(),
}: {
  id: number;
  senderId: string;
  now?: Date;
}): Promise<{ updated: boolean }> {
  const { db, schema } = getDb();
  const { outbox } = schema;
  const rows = await db
    .update(outbox)
    .set({ status: "sent", sentAt: now, attempts: sql`${outbox.attempts} + 1`, claimedUntil: null })
    .where(and(eq(outbox.id, id), eq(outbox.claimedBy, senderId), eq(outbox.status, "pending")))
    .returning({ id: outbox.id });
  return { updated: rows.length > 0 };
}

/**
 * Records a failed attempt: counts it, keeps the error, and either makes the message due
 * again at `nextAttemptAt` or, with `giveUp`, marks it failed for good (the row stays).
 */
export async function markMessageFailed({
  id,
  senderId,
  error,
  nextAttemptAt,
  giveUp,
}: {
  id: number;
  senderId: string;
  error: string;
  nextAttemptAt: Date;
  giveUp: boolean;
}): Promise<{ updated: boolean }> {
  const { db, schema } = getDb();
  const { outbox } = schema;
  const rows = await db
    .update(outbox)
    .set({
      status: giveUp ? "failed" : "pending",
      attempts: sql`${outbox.attempts} + 1`,
      lastError: error.slice(0, 2000),
      nextAttemptAt,
      claimedUntil: null,
    })
    .where(and(eq(outbox.id, id), eq(outbox.claimedBy, senderId), eq(outbox.status, "pending")))
    .returning({ id: outbox.id });
  return { updated: rows.length > 0 };
}

/** Counts per state, for an admin page or a health check; no addresses, no contents. */
export async function getOutboxStats(): Promise<OutboxStats> {
  const { db, schema } = getDb();
  const { outbox } = schema;
  const rows = await db
    .select({
      status: outbox.status,
      messages: count(),
      retrying: sql<number | string | null>`sum(case when ${outbox.attempts} > 0 then 1 else 0 end)`,
      nextAttemptAt: min(outbox.nextAttemptAt),
    })
    .from(outbox)
    .groupBy(outbox.status);
  const byStatus = new Map(rows.map((row) => [row.status, row]));
  const pending = byStatus.get("pending");
  return {
    pending: pending?.messages ?? 0,
    retrying: Number(pending?.retrying ?? 0),
    sent: byStatus.get("sent")?.messages ?? 0,
    failed: byStatus.get("failed")?.messages ?? 0,
    nextAttemptAt: pending?.nextAttemptAt ?? null,
  };
}
