import "server-only";
import { and, asc, desc, eq, lte, sql, type SQL } from "drizzle-orm";
import { alias, type PgColumn } from "drizzle-orm/pg-core";
import { getDb, withTransaction, type Db } from "@/db/client";
import { columnPlaceholder, prepared } from "@/db/prepared";
import { publicName } from "@/lib/auth/display-name";
import { activeBanCondition } from "./moderation";

// Votes on comments (issue 13): two independent axes per comment, one row per voter, comment and
// axis (comment_votes). Moderation (hide, ban) leaves votes as they are; deleting an account
// removes its votes (db/queries/account.ts).

export type VoteAxis = "value" | "stance";
export type ValueChoice = "up" | "down";
export type StanceChoice = "agree" | "disagree";
export type DownReason = "off-topic" | "repetitive" | "no-argument";
export type VoteRefusal = "not-found" | "other-essay" | "not-visible" | "retracted" | "own-comment" | "down-on-reply-to-you" | "banned";

const CHOICES: Record<VoteAxis, readonly string[]> = { value: ["up", "down"], stance: ["agree", "disagree"] };
const DOWN_REASONS: readonly string[] = ["off-topic", "repetitive", "no-argument"];

/** A combination the caller's parser should never let through: a programming error, thrown before anything is read. */
function assertVoteShape(axis: string, value: string | null, reason: string | null): void {
  const choices = CHOICES[axis as VoteAxis] as readonly string[] | undefined;
  if (!choices) throw new RangeError(`setVote: axis must be "value" or "stance", not ${JSON.stringify(axis)}`);
  if (value !== null && !choices.includes(value)) throw new RangeError(`setVote: a ${axis} vote is ${choices.join(" or ")}, not ${JSON.stringify(value)}`);
  if (reason === null) return;
  if (value !== "down") throw new RangeError("setVote: only a 'down' vote takes a reason");
  if (!DOWN_REASONS.includes(reason)) throw new RangeError(`setVote: the reason is ${DOWN_REASONS.join(", ")}, not ${JSON.stringify(reason)}`);
}

/** voterSince: when the voter's account was made (its votes weigh 0 until VOTE_MIN_ACCOUNT_HOURS later). */
export type SetVoteResult = { ok: true; changed: boolean; voterSince: Date } | { ok: false; reason: VoteRefusal };

/** Sets (value non-null) or removes (value null) the voter's vote on one axis of one comment. Every check
 *  runs inside the write's transaction: the comment exists, belongs to essayPath, is visible (published, not
 *  hidden, not deleted), is not the voter's own, a 'down' is not on a direct reply to the voter (the parent's
 *  author is the voter), the voter is not banned. A refusal writes nothing; the same vote again changes nothing. */
export async function setVote({
  voterId,
  commentId,
  essayPath,
  axis,
  value,
  reason,
  now = new Date(),
}: {
  voterId: string;
  commentId: number;
  essayPath: string;
  axis: VoteAxis;
  value: ValueChoice | StanceChoice | null;
  reason: DownReason | null;
  now?: Date;
}): Promise<SetVoteResult> {
  assertVoteShape(axis, value, reason);

  return withTransaction(
    async (tx): Promise<SetVoteResult> => {
      // Every check and the current vote in ONE query.
      const [target] = await voteTargetQuery(tx).execute({ voterId, commentId, axis, now });
      if (!target) return { ok: false, reason: "not-found" };
      if (target.essayPath !== essayPath) return { ok: false, reason: "other-essay" };
      if (target.status !== "published" || target.deletedAt !== null) return { ok: false, reason: "not-visible" };
      // Its author no longer stands by it: votes already cast may be taken back, no new ones.
      if (target.retractedAt !== null && value !== null) return { ok: false, reason: "retracted" };
      if (target.authorId === voterId) return { ok: false, reason: "own-comment" };
      if (value === "down" && target.parentAuthorId === voterId) return { ok: false, reason: "down-on-reply-to-you" };
      if (target.banned) return { ok: false, reason: "banned" };
      const voterSince = new Date(target.voterSinceMs);

      if (value === null) {
        if (target.currentValue === null) return { ok: true, changed: false, voterSince };
        await deleteVoteQuery(tx).execute({ voterId, commentId, axis });
        return { ok: true, changed: true, voterSince };
      }
      if (target.currentValue === value && target.currentReason === reason) return { ok: true, changed: false, voterSince };
      await upsertVoteQuery(tx).execute({ commentId, voterId, axis, value, reason, now });
      return { ok: true, changed: true, voterSince };
    },
    // The read above decides `changed`: one voter's writes run one at a time.
    { lockKey: `votes:voter:${voterId}` },
  );
}

// setVote's three statements, prepared once per db (db/prepared.ts): a vote is the busiest write,
// and building a query's SQL costs more CPU than SQLite takes to run it.

/** Placeholders: voterId, commentId, axis, now (a Date, for the ban condition). */
function voteTargetQuery(db: Db) {
  return prepared(db, "setVote:target", (db) => {
    const { bans, comments, commentVotes, users } = getDb().schema;
    const parent = alias(comments, "parent");
    const voterId = sql.placeholder("voterId");
    return db
      .select({
        essayPath: comments.essayPath,
        status: comments.status,
        deletedAt: comments.deletedAt,
        retractedAt: comments.retractedAt,
        authorId: comments.authorId,
        parentAuthorId: parent.authorId,
        banned: sql<number>`(case when exists (select 1 from ${bans} where ${bans.userId} = ${voterId} and ${activeBanCondition(columnPlaceholder("now", bans.endsAt))}) then 1 else 0 end)`.mapWith(Number),
        currentValue: commentVotes.value,
        currentReason: commentVotes.reason,
        voterSinceMs: sql<number>`(select ${epochMs(users.createdAt)} from ${users} where ${users.id} = ${voterId})`.mapWith(Number),
      })
      .from(comments)
      .leftJoin(parent, eq(parent.id, comments.parentId))
      .leftJoin(commentVotes, and(eq(commentVotes.commentId, comments.id), eq(commentVotes.voterId, voterId), eq(commentVotes.axis, sql.placeholder("axis"))))
      .where(eq(comments.id, sql.placeholder("commentId")))
      .limit(1);
  });
}

/** Placeholders: voterId, commentId, axis. */
function deleteVoteQuery(db: Db) {
  return prepared(db, "setVote:delete", (db) => {
    const { commentVotes } = getDb().schema;
    return db
      .delete(commentVotes)
      .where(and(eq(commentVotes.commentId, sql.placeholder("commentId")), eq(commentVotes.voterId, sql.placeholder("voterId")), eq(commentVotes.axis, sql.placeholder("axis"))));
  });
}

/** Placeholders: commentId, voterId, axis, value, reason, now (a Date). */
function upsertVoteQuery(db: Db) {
  return prepared(db, "setVote:upsert", (db) => {
    const { commentVotes } = getDb().schema;
    const value = (name: string) => sql.placeholder(name);
    return db
      .insert(commentVotes)
      // Insert values are encoded by their column, placeholders included (the Dates here).
      .values({ commentId: value("commentId"), voterId: value("voterId"), axis: value("axis"), value: value("value"), reason: value("reason"), createdAt: value("now"), updatedAt: value("now") })
      .onConflictDoUpdate({
        target: [commentVotes.commentId, commentVotes.voterId, commentVotes.axis],
        set: { value: sql`excluded.value`, reason: sql`excluded.reason`, updatedAt: sql`excluded.updated_at` },
      });
  });
}

export type VoteTally = {
  commentId: number;
  up: number;
  down: number;
  agree: number;
  disagree: number;
  /** ▲ value votes from voters who also marked 'disagree' on the same comment. */
  upFromDisagreers: number;
};

/** ONE grouped query for a whole essay's thread. Counts only votes whose voter's account (users.created_at)
 *  is at or before `eligibleBefore` (young accounts' votes are stored but weigh 0). Comments with no counted
 *  votes are omitted. Every comment of the essay is counted, whatever its status: the caller shows what it shows. */
export async function getThreadVoteTallies({ essayPath, eligibleBefore }: { essayPath: string; eligibleBefore: Date }): Promise<VoteTally[]> {
  const { db, schema } = getDb();
  const { comments, commentVotes, users } = schema;
  const marked = (axis: VoteAxis, value: string, name: string) =>
    sql<number>`max(case when ${commentVotes.axis} = ${axis} and ${commentVotes.value} = ${value} then 1 else 0 end)`.as(name);
  // One row per (comment, voter): 0/1 per choice, so a voter's up and disagree can be multiplied.
  const perVoter = db
    .select({
      commentId: commentVotes.commentId,
      up: marked("value", "up", "up"),
      down: marked("value", "down", "down"),
      agree: marked("stance", "agree", "agree"),
      disagree: marked("stance", "disagree", "disagree"),
    })
    .from(commentVotes)
    .innerJoin(comments, eq(comments.id, commentVotes.commentId))
    .innerJoin(users, eq(users.id, commentVotes.voterId))
    .where(and(eq(comments.essayPath, essayPath), lte(users.createdAt, eligibleBefore)))
    .groupBy(commentVotes.commentId, commentVotes.voterId)
    .as("per_voter");
  const total = (expression: SQL) => sql<number>`coalesce(sum(${expression}), 0)`.mapWith(Number);
  return db
    .select({
      commentId: perVoter.commentId,
      up: total(sql`${perVoter.up}`),
      down: total(sql`${perVoter.down}`),
      agree: total(sql`${perVoter.agree}`),
      disagree: total(sql`${perVoter.disagree}`),
      upFromDisagreers: total(sql`${perVoter.up} * ${perVoter.disagree}`),
    })
    .from(perVoter)
    .groupBy(perVoter.commentId)
    .orderBy(asc(perVoter.commentId));
}

export type ViewerVote = { commentId: number; axis: VoteAxis; value: string; reason: DownReason | null };

/** The viewer's own votes on an essay's comments (one query), by comment then axis. */
export async function getViewerVotes({ voterId, essayPath }: { voterId: string; essayPath: string }): Promise<ViewerVote[]> {
  const { db, schema } = getDb();
  const { comments, commentVotes } = schema;
  return db
    .select({ commentId: commentVotes.commentId, axis: commentVotes.axis, value: commentVotes.value, reason: commentVotes.reason })
    .from(commentVotes)
    .innerJoin(comments, eq(comments.id, commentVotes.commentId))
    .where(and(eq(commentVotes.voterId, voterId), eq(comments.essayPath, essayPath)))
    .orderBy(asc(commentVotes.commentId), asc(commentVotes.axis));
}

export type CoincidentPair = { voterA: { id: string; name: string }; voterB: { id: string; name: string }; shared: number; coinciding: number };

/** A timestamp column as epoch milliseconds: SQLite stores them so; PostgreSQL's timestamptz is converted. */
function epochMs(column: PgColumn): SQL {
  return getDb().dialect === "sqlite" ? sql`${column}` : sql`(extract(epoch from ${column}) * 1000)`;
}

/** For moderators: pairs of accounts (A<B) whose votes coincide on >= minRatio of >= minShared shared comments.
 *  A comment is shared when both voted on the same axis of it within `withinMs` of each other (the times of
 *  their current choices, updated_at); it coincides when on every axis both voted (within the window) they
 *  chose the same value. Names are public names, never e-mails. One query; most coinciding first. */
export async function getCoincidentVoterPairs({
  minShared = 10,
  minRatio = 0.8,
  withinMs = 3_600_000,
}: { minShared?: number; minRatio?: number; withinMs?: number } = {}): Promise<CoincidentPair[]> {
  if (!Number.isInteger(minShared) || minShared < 1) throw new RangeError("minShared must be a whole number of at least 1");
  if (!(minRatio >= 0 && minRatio <= 1)) throw new RangeError("minRatio must be between 0 and 1");
  if (!(withinMs >= 0)) throw new RangeError("withinMs must be 0 or more");
  const { db, schema } = getDb();
  const { commentVotes, users } = schema;
  const a = alias(commentVotes, "vote_a");
  const b = alias(commentVotes, "vote_b");
  const userA = alias(users, "user_a");
  const userB = alias(users, "user_b");

  // One row per (pair, comment) they share: 1 when they chose alike on every axis shared in the window.
  const perComment = db
    .select({
      voterA: sql<string>`${a.voterId}`.as("voter_a"),
      voterB: sql<string>`${b.voterId}`.as("voter_b"),
      alike: sql<number>`min(case when ${a.value} = ${b.value} then 1 else 0 end)`.as("alike"),
    })
    .from(a)
    .innerJoin(
      b,
      and(
        eq(b.commentId, a.commentId),
        eq(b.axis, a.axis),
        sql`${a.voterId} < ${b.voterId}`,
        sql`abs(${epochMs(a.updatedAt)} - ${epochMs(b.updatedAt)}) <= ${withinMs}`,
      ),
    )
    .groupBy(a.voterId, b.voterId, a.commentId)
    .as("per_comment");

  const shared = sql<number>`count(*)`.mapWith(Number);
  const coinciding = sql<number>`sum(${perComment.alike})`.mapWith(Number);
  const rows = await db
    .select({
      voterA: perComment.voterA,
      voterB: perComment.voterB,
      nameA: userA.name,
      displayNameA: userA.displayName,
      nameB: userB.name,
      displayNameB: userB.displayName,
      shared,
      coinciding,
    })
    .from(perComment)
    .innerJoin(userA, eq(userA.id, perComment.voterA))
    .innerJoin(userB, eq(userB.id, perComment.voterB))
    .groupBy(perComment.voterA, perComment.voterB, userA.name, userA.displayName, userB.name, userB.displayName)
    .having(and(sql`count(*) >= ${minShared}`, sql`sum(${perComment.alike}) >= count(*) * cast(${minRatio} as double precision)`))
    .orderBy(desc(coinciding), desc(shared), asc(perComment.voterA), asc(perComment.voterB));

  return rows.map((row) => ({
    voterA: { id: row.voterA, name: publicName({ displayName: row.displayNameA, name: row.nameA }) },
    voterB: { id: row.voterB, name: publicName({ displayName: row.displayNameB, name: row.nameB }) },
    shared: row.shared,
    coinciding: row.coinciding,
  }));
}

/** When the voter's account was made: its votes weigh 0 until VOTE_MIN_ACCOUNT_HOURS later. */
export async function getVoterSince({ voterId }: { voterId: string }): Promise<Date | undefined> {
  const { db, schema } = getDb();
  const [row] = await db.select({ createdAt: schema.users.createdAt }).from(schema.users).where(eq(schema.users.id, voterId)).limit(1);
  return row ? new Date(row.createdAt) : undefined;
}
