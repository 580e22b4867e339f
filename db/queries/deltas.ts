import "server-only";
import { and, asc, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, withTransaction, type Db } from "@/db/client";
import { columnPlaceholder, prepared } from "@/db/prepared";
import { authorName, publicName } from "@/lib/auth/display-name";
import { hasVerifiedAddressIn } from "@/lib/moderation/moderators";
import { conversationIds } from "./conversations";
import { activeBanCondition, longestBanFirst } from "./moderation";

// Δ "changed my mind" (issue 14, docs/decisions/040-delta-changed-my-mind.md): who may give
// one, to which comment, and the lists that show them. Moderators' removals are in ./moderation.

export type DeltaRefusal =
  | { ok: false; reason: "banned"; ban: { reason: string; endsAt: Date | null } }
  | { ok: false; reason: "no-account" | "name-not-chosen" | "not-found" | "not-shown" | "retracted" | "former-reader" | "own-comment" | "not-in-conversation" | "already-given" };

export type AwardDeltaResult = { ok: true; id: number; essayPath: string; recipientId: string; parentId: number | null } | DeltaRefusal;

/**
 * Gives a Δ to `commentId` from `giverId`, in one transaction that checks every rule again:
 * the comment is shown (published, not deleted, not retracted) and by another reader who still
 * has an account; the giver chose their public name, is not banned and wrote a shown comment in
 * the same conversation, unless they are the essays' author (a verified address in `authorEmails`,
 * AUTHOR_EMAILS, the same rule as moderators');
 * and the giver has not given this recipient a Δ under this essay (the unique index holds it
 * too). `afterInsert` runs in the transaction (the recipient's e-mail goes into the outbox).
 */
export async function awardDelta({
  commentId,
  giverId,
  explanation,
  authorEmails,
  now = new Date(),
  afterInsert,
}: {
  commentId: number;
  giverId: string;
  explanation: string;
  authorEmails: readonly string[];
  now?: Date;
  afterInsert?: (tx: Db, delta: { id: number; commentId: number; essayPath: string; recipientId: string; giverName: string }) => Promise<unknown>;
}): Promise<AwardDeltaResult> {
  const { bans } = getDb().schema;
  return withTransaction(
    async (tx): Promise<AwardDeltaResult> => {
      // Every check in ONE query (deltaChecksQuery, below).
      const activeBan = () => tx.select({ reason: bans.reason, endsAt: bans.endsAt }).from(bans).where(and(eq(bans.userId, giverId), activeBanCondition(now))).orderBy(...longestBanFirst()).limit(1);
      const [row] = await deltaChecksQuery(tx).execute({ giverId, commentId, now });
      if (!row) return { ok: false, reason: "no-account" };
      // The Δ shows the giver's name: one they saw and accepted (decision 030).
      if (row.nameConfirmedAt === null) return { ok: false, reason: "name-not-chosen" };
      if (row.banReason !== null) {
        // Rare: the ban's terms, for the message, in a query of their own.
        const [ban] = await activeBan();
        if (ban) return { ok: false, reason: "banned", ban };
      }
      const comment = row.commentId === null ? undefined : row;
      if (!comment || comment.status === "pending" || comment.essayPath === null) return { ok: false, reason: "not-found" };
      if (comment.status !== "published" || comment.deletedAt !== null) return { ok: false, reason: "not-shown" };
      if (comment.retractedAt !== null) return { ok: false, reason: "retracted" };
      if (comment.authorId === null) return { ok: false, reason: "former-reader" };
      if (comment.authorId === giverId) return { ok: false, reason: "own-comment" };
      if (!hasVerifiedAddressIn(row, authorEmails) && !row.joined) return { ok: false, reason: "not-in-conversation" };
      if (row.alreadyGiven) return { ok: false, reason: "already-given" };
      const recipientId = comment.authorId;
      const giver = row;
      const [inserted] = await insertDeltaQuery(tx).execute({ commentId, essayPath: comment.essayPath, giverId, recipientId, explanation, now });
      if (!inserted) throw new Error("The Δ was not stored.");
      await afterInsert?.(tx, { id: inserted.id, commentId, essayPath: comment.essayPath, recipientId, giverName: publicName(giver) });
      return { ok: true, id: inserted.id, essayPath: comment.essayPath, recipientId, parentId: comment.parentId };
    },
    // Two Δs from one giver to one recipient at once: the second sees the first.
    { lockKey: `deltas:giver:${giverId}` },
  );
}

/**
 * awardDelta's checks in ONE query, prepared once per db (db/prepared.ts; a Δ is written at the
 * speed of a vote, issue 14's budget): the giver, whether they have an active ban, the comment,
 * whether the giver took part in its conversation (their own top-level comment elsewhere under
 * the essay does not count) and whether they gave this recipient a Δ under this essay already.
 * Placeholders: giverId, commentId, now (a Date).
 */
function deltaChecksQuery(db: Db) {
  return prepared(db, "awardDelta:checks", (db) => {
    const { bans, comments, commentDeltas, users } = getDb().schema;
    const mine = alias(comments, "mine");
    const given = alias(commentDeltas, "given");
    const giverId = sql.placeholder("giverId");
    const commentId = sql.placeholder("commentId");
    return db
      .select({
        email: users.email,
        emailVerified: users.emailVerified,
        nameConfirmedAt: users.nameConfirmedAt,
        displayName: users.displayName,
        name: users.name,
        // Drizzle puts an embedded select in parentheses itself.
        banReason: sql<string | null>`${db.select({ reason: bans.reason }).from(bans).where(and(eq(bans.userId, giverId), activeBanCondition(columnPlaceholder("now", bans.endsAt)))).limit(1)}`,
        commentId: comments.id,
        authorId: comments.authorId,
        essayPath: comments.essayPath,
        parentId: comments.parentId,
        status: comments.status,
        deletedAt: comments.deletedAt,
        retractedAt: comments.retractedAt,
        joined: sql<number>`(case when exists ${db
          .select({ one: sql`1` })
          .from(mine)
          .where(and(inArray(mine.id, conversationIds(commentId)), eq(mine.authorId, giverId), eq(mine.status, "published"), isNull(mine.deletedAt)))} then 1 else 0 end)`.mapWith(Number),
        alreadyGiven: sql<number>`(case when exists ${db
          .select({ one: sql`1` })
          .from(given)
          .where(and(eq(given.essayPath, comments.essayPath), eq(given.giverId, giverId), eq(given.recipientId, comments.authorId)))} then 1 else 0 end)`.mapWith(Number),
      })
      .from(users)
      .leftJoin(comments, eq(comments.id, commentId))
      .where(eq(users.id, giverId))
      .limit(1);
  });
}

/** awardDelta's insert, prepared once per db. Placeholders: commentId, essayPath, giverId, recipientId, explanation, now. */
function insertDeltaQuery(db: Db) {
  return prepared(db, "awardDelta:insert", (db) => {
    const { commentDeltas } = getDb().schema;
    const value = (name: string) => sql.placeholder(name);
    return db
      .insert(commentDeltas)
      .values({ commentId: value("commentId"), essayPath: value("essayPath"), giverId: value("giverId"), recipientId: value("recipientId"), explanation: value("explanation"), createdAt: value("now") })
      .returning({ id: commentDeltas.id });
  });
}

/** A Δ as public pages show it: names only, never an e-mail; a removed one shows its reason instead. */
export type DeltaListing = {
  id: number;
  commentId: number;
  essayPath: string;
  giverId: string;
  giverName: string;
  recipientId: string | null;
  recipientName: string;
  /** null once a moderator removed it. */
  explanation: string | null;
  createdAt: Date;
  removal: { at: Date; reason: string } | null;
};

function deltaListingQuery(db: Db, { forModerators = false } = {}) {
  const { comments, commentDeltas, users } = getDb().schema;
  const giver = alias(users, "giver");
  const author = alias(users, "author");
  return db
    .select({
      id: commentDeltas.id,
      commentId: commentDeltas.commentId,
      essayPath: commentDeltas.essayPath,
      giverId: commentDeltas.giverId,
      giverDisplayName: giver.displayName,
      giverName: giver.name,
      recipientId: commentDeltas.recipientId,
      storedAuthorName: comments.authorName,
      userDisplayName: author.displayName,
      userName: author.name,
      authorId: comments.authorId,
      // Decided in SQL, so a removed Δ's words never leave the database for a public page.
      explanation: forModerators ? sql<string | null>`${commentDeltas.explanation}` : sql<string | null>`case when ${commentDeltas.removedAt} is null then ${commentDeltas.explanation} end`,
      createdAt: commentDeltas.createdAt,
      removedAt: commentDeltas.removedAt,
      removalReason: commentDeltas.removalReason,
    })
    .from(commentDeltas)
    .innerJoin(giver, eq(giver.id, commentDeltas.giverId))
    .innerJoin(comments, eq(comments.id, commentDeltas.commentId))
    .leftJoin(author, eq(author.id, comments.authorId));
}

type ListingRow = Awaited<ReturnType<ReturnType<typeof deltaListingQuery>["execute"]>>[number];

const toListing = (row: ListingRow): DeltaListing => ({
  id: row.id,
  commentId: row.commentId,
  essayPath: row.essayPath,
  giverId: row.giverId,
  giverName: publicName({ displayName: row.giverDisplayName, name: row.giverName }),
  recipientId: row.recipientId,
  recipientName: authorName(row),
  explanation: row.explanation ?? null,
  createdAt: row.createdAt,
  removal: row.removedAt ? { at: row.removedAt, reason: row.removalReason ?? "" } : null,
});

/** Every Δ under an essay, oldest first, on shown comments only (the list page). One query. */
export async function getEssayDeltas({ essayPath }: { essayPath: string }): Promise<DeltaListing[]> {
  const { db, schema } = getDb();
  const { comments, commentDeltas } = schema;
  const rows = await deltaListingQuery(db)
    .where(and(eq(commentDeltas.essayPath, essayPath), eq(comments.status, "published"), isNull(comments.deletedAt)))
    .orderBy(asc(commentDeltas.createdAt), asc(commentDeltas.id));
  return rows.map(toListing);
}

/** The Δs a reader gave and received, newest first (their profile). Removed ones are left out. One query. */
export async function getReaderDeltas({ userId }: { userId: string }): Promise<{ given: DeltaListing[]; received: DeltaListing[] }> {
  const { db, schema } = getDb();
  const { comments, commentDeltas } = schema;
  const rows = await deltaListingQuery(db)
    .where(
      and(
        or(eq(commentDeltas.giverId, userId), eq(commentDeltas.recipientId, userId)),
        isNull(commentDeltas.removedAt),
        eq(comments.status, "published"),
        isNull(comments.deletedAt),
      ),
    )
    .orderBy(desc(commentDeltas.createdAt), desc(commentDeltas.id));
  const listings = rows.map(toListing);
  return { given: listings.filter((delta) => delta.giverId === userId), received: listings.filter((delta) => delta.recipientId === userId) };
}

/** One Δ as a moderator's removal form needs it, or undefined. */
export async function getDeltaById({ id }: { id: number }): Promise<DeltaListing | undefined> {
  const { db, schema } = getDb();
  const [row] = await deltaListingQuery(db).where(eq(schema.commentDeltas.id, id)).limit(1);
  return row ? toListing(row) : undefined;
}

/** Whether the reader has given `recipientId` a Δ under the essay already (the form says so before they write). */
export async function hasGivenDelta({ essayPath, giverId, recipientId }: { essayPath: string; giverId: string; recipientId: string }): Promise<boolean> {
  const { db, schema } = getDb();
  const { commentDeltas } = schema;
  const [row] = await db
    .select({ id: commentDeltas.id })
    .from(commentDeltas)
    .where(and(eq(commentDeltas.essayPath, essayPath), eq(commentDeltas.giverId, giverId), eq(commentDeltas.recipientId, recipientId)))
    .limit(1);
  return row !== undefined;
}

/** Every Δ, newest first, removed ones with what they said (the moderators' list on /admin). One query. */
export async function listRecentDeltas({ limit, offset }: { limit: number; offset: number }): Promise<DeltaListing[]> {
  const { db, schema } = getDb();
  const { commentDeltas } = schema;
  const rows = await deltaListingQuery(db, { forModerators: true }).orderBy(desc(commentDeltas.createdAt), desc(commentDeltas.id)).limit(limit).offset(offset);
  return rows.map(toListing);
}
