import "server-only";
import { and, desc, eq, gt, isNull, ne, or, sql, type SQL, type SQLWrapper } from "drizzle-orm";
import { getDb, withTransaction, type Db } from "@/db/client";
import type { TransactionOptions } from "@/db/connect";
import { columnPlaceholder, prepared } from "@/db/prepared";
import { isModerator, type Moderator } from "@/lib/moderation/moderators";

// Moderation changes and their log (docs/decisions/011-moderation.md). Every change runs in one
// transaction that (1) checks again that the actor is a moderator, (2) makes the change with a
// conditional write, so a repeated or concurrent request changes nothing the second time, and
// (3) appends its log entry. A request that changes nothing writes no log entry. Nothing here
// deletes or clears what a reader wrote. Reasons and dates arrive validated from the caller.

export type ModerationAction = "hide" | "restore" | "approve" | "lock" | "unlock" | "ban" | "unban" | "resolve-report" | "remove-delta" | "reattach-passage";

export type NotModerator = { ok: false; reason: "not-moderator" };
const notModerator: NotModerator = { ok: false, reason: "not-moderator" };

/** The query-level half of "authorization in the action AND the query": the same rule, read in the transaction. */
async function actorIsModerator(tx: Db, actor: Moderator): Promise<boolean> {
  const { users } = getDb().schema;
  const [row] = await tx
    .select({ email: users.email, emailVerified: users.emailVerified })
    .from(users)
    .where(eq(users.id, actor.id))
    .limit(1);
  return row !== undefined && isModerator(row);
}

type LogEntry = {
  action: ModerationAction;
  commentId?: number | null;
  essayPath?: string | null;
  targetUserId?: string | null;
  reason?: string | null;
};

/** Appends entries (never updates one). Written after the change, inside its transaction. */
async function appendLog(tx: Db, actor: Moderator, now: Date, entries: LogEntry[]): Promise<void> {
  const { moderationLog } = getDb().schema;
  // Chunks stay far below SQLite's 32,766 bound parameters when a ban hides thousands of comments.
  for (let i = 0; i < entries.length; i += 500) {
    await tx.insert(moderationLog).values(
      entries.slice(i, i + 500).map((entry) => ({
        actorId: actor.id,
        actorName: actor.name,
        action: entry.action,
        commentId: entry.commentId ?? null,
        essayPath: entry.essayPath ?? null,
        targetUserId: entry.targetUserId ?? null,
        reason: entry.reason ?? null,
        createdAt: now,
      })),
    );
  }
}

/** What every moderation change takes besides its target: who makes it, and when (the log's time). */
export type ModeratorRequest = { actor: Moderator; now?: Date };

/** Appends entries to the log as the actor, at the change's time, inside its transaction. */
export type AppendLog = (entries: LogEntry[]) => Promise<void>;

/**
 * The transaction every change runs in (steps 1–3 above): not-moderator, with nothing written,
 * unless the actor is still a moderator; then change makes its conditional write and appends
 * its log entries through log.
 */
export function withModeratorTransaction<T>(
  actor: Moderator,
  now: Date,
  change: (tx: Db, log: AppendLog) => Promise<T>,
  options?: TransactionOptions,
): Promise<T | NotModerator> {
  return withTransaction(async (tx): Promise<T | NotModerator> => {
    if (!(await actorIsModerator(tx, actor))) return notModerator;
    return change(tx, (entries) => appendLog(tx, actor, now, entries));
  }, options);
}

// ── Comments ──

type CommentRequest = ModeratorRequest & { commentId: number };

export type CommentChangeResult =
  | { ok: true; changed: boolean; essayPath: string; authorId: string | null }
  | NotModerator
  | { ok: false; reason: "not-found" };

/**
 * Hides a published or pending comment (a pending one is thereby rejected): status 'hidden'
 * and the reason on the comment. Its text stays in the database. Hiding a hidden comment
 * changes nothing, not even the reason (restore, then hide again, to change it).
 */
export async function hideComment({ commentId, actor, reason, now = new Date() }: CommentRequest & { reason: string }): Promise<CommentChangeResult> {
  const { comments } = getDb().schema;
  return withModeratorTransaction(actor, now, async (tx, log): Promise<CommentChangeResult> => {
    const hidden = await setCommentStatus(tx, commentId, { status: "hidden", moderationReason: reason }, ne(comments.status, "hidden"));
    if (!hidden) {
      const current = await currentComment(tx, commentId);
      return current ? { ok: true, changed: false, essayPath: current.essayPath, authorId: current.authorId } : { ok: false, reason: "not-found" };
    }
    await log([{ action: "hide", commentId, essayPath: hidden.essayPath, targetUserId: hidden.authorId, reason }]);
    return { ok: true, changed: true, ...hidden };
  });
}

export type RestoreCommentResult = CommentChangeResult | { ok: false; reason: "pending" };

/**
 * Publishes a hidden comment again and clears its reason (the log keeps it, in the hide
 * entry). A published comment is left as it is; a pending one needs approving, not restoring.
 */
export async function restoreComment({ commentId, actor, now = new Date() }: CommentRequest): Promise<RestoreCommentResult> {
  const { comments } = getDb().schema;
  return withModeratorTransaction(actor, now, async (tx, log): Promise<RestoreCommentResult> => {
    const restored = await setCommentStatus(tx, commentId, { status: "published", moderationReason: null }, eq(comments.status, "hidden"));
    if (!restored) {
      const current = await currentComment(tx, commentId);
      if (!current) return { ok: false, reason: "not-found" };
      if (current.status === "pending") return { ok: false, reason: "pending" };
      return { ok: true, changed: false, essayPath: current.essayPath, authorId: current.authorId };
    }
    await log([{ action: "restore", commentId, essayPath: restored.essayPath, targetUserId: restored.authorId }]);
    return { ok: true, changed: true, ...restored };
  });
}

/**
 * The conditional write of hide and restore: the comment's status and reason, only where
 * onlyIf holds. The changed comment's essay and author, or undefined when nothing changed.
 */
async function setCommentStatus(
  tx: Db,
  commentId: number,
  change: { status: "hidden" | "published"; moderationReason: string | null },
  onlyIf: SQL,
) {
  const { comments } = getDb().schema;
  const [changed] = await tx
    .update(comments)
    .set(change)
    .where(and(eq(comments.id, commentId), onlyIf))
    .returning({ essayPath: comments.essayPath, authorId: comments.authorId });
  return changed;
}

/** Why a conditional write changed nothing: the comment is missing, or already as asked. */
async function currentComment(tx: Db, commentId: number) {
  const { comments } = getDb().schema;
  const [row] = await tx
    .select({ essayPath: comments.essayPath, authorId: comments.authorId, status: comments.status })
    .from(comments)
    .where(eq(comments.id, commentId))
    .limit(1);
  return row;
}

/** What the lead needs to notify people about a newly published comment. */
export type ApprovedComment = { id: number; essayPath: string; parentId: number | null; authorId: string | null };

export type ApproveCommentResult =
  | { ok: true; changed: boolean; comment: ApprovedComment }
  | NotModerator
  | { ok: false; reason: "not-found" | "hidden" | "deleted" };

/**
 * Publishes a pending comment and marks its author approved (users.commentsApprovedAt, the
 * first time only), so under COMMENTS_MODERATION=first their next comments go straight up.
 * Approving a published comment changes nothing (`changed: false`: notify nobody); a hidden
 * comment is restored, not approved; a comment its author deleted while it waited stays unpublished.
 */
export async function approveComment({ commentId, actor, now = new Date() }: CommentRequest): Promise<ApproveCommentResult> {
  const { comments, users } = getDb().schema;
  return withModeratorTransaction(actor, now, async (tx, log): Promise<ApproveCommentResult> => {
    const [approved] = await tx
      .update(comments)
      .set({ status: "published" })
      .where(and(eq(comments.id, commentId), eq(comments.status, "pending"), isNull(comments.deletedAt)))
      .returning({ id: comments.id, essayPath: comments.essayPath, parentId: comments.parentId, authorId: comments.authorId });
    if (!approved) {
      const [row] = await tx
        .select({ id: comments.id, essayPath: comments.essayPath, parentId: comments.parentId, authorId: comments.authorId, status: comments.status })
        .from(comments)
        .where(eq(comments.id, commentId))
        .limit(1);
      if (!row) return { ok: false, reason: "not-found" };
      const { status, ...comment } = row;
      if (status === "published") return { ok: true, changed: false, comment };
      return { ok: false, reason: status === "hidden" ? "hidden" : "deleted" };
    }
    if (approved.authorId !== null) {
      await tx
        .update(users)
        .set({ commentsApprovedAt: now })
        .where(and(eq(users.id, approved.authorId), isNull(users.commentsApprovedAt)));
    }
    await log([{ action: "approve", commentId, essayPath: approved.essayPath, targetUserId: approved.authorId }]);
    return { ok: true, changed: true, comment: approved };
  });
}

// ── Threads ──

export type ThreadLockResult = { ok: true; changed: boolean } | NotModerator;

type ThreadLockRequest = ModeratorRequest & { essayPath: string; reason?: string | null };

/**
 * Locks an essay's thread: no new comments or replies, whatever its front matter says, until
 * unlocked. The caller checks that the essay exists. Locking a locked thread changes nothing.
 */
export async function lockThread({ essayPath, actor, reason = null, now = new Date() }: ThreadLockRequest): Promise<ThreadLockResult> {
  const { threadLocks } = getDb().schema;
  return withModeratorTransaction(actor, now, async (tx, log): Promise<ThreadLockResult> => {
    const inserted = await tx
      .insert(threadLocks)
      .values({ essayPath, lockedBy: actor.id, reason, lockedAt: now })
      .onConflictDoNothing()
      .returning({ essayPath: threadLocks.essayPath });
    if (inserted.length === 0) return { ok: true, changed: false };
    await log([{ action: "lock", essayPath, reason }]);
    return { ok: true, changed: true };
  });
}

/** Unlocks a thread (its front matter rules again). The lock's row goes; the log keeps both entries. */
export async function unlockThread({ essayPath, actor, reason = null, now = new Date() }: ThreadLockRequest): Promise<ThreadLockResult> {
  const { threadLocks } = getDb().schema;
  return withModeratorTransaction(actor, now, async (tx, log): Promise<ThreadLockResult> => {
    const removed = await tx.delete(threadLocks).where(eq(threadLocks.essayPath, essayPath)).returning({ essayPath: threadLocks.essayPath });
    if (removed.length === 0) return { ok: true, changed: false };
    await log([{ action: "unlock", essayPath, reason }]);
    return { ok: true, changed: true };
  });
}

export type ThreadLockInfo = { essayPath: string; reason: string | null; lockedAt: Date };

/** The lock on one essay's thread, if any. */
export async function getThreadLock({ essayPath }: { essayPath: string }): Promise<ThreadLockInfo | undefined> {
  const { db, schema } = getDb();
  const { threadLocks } = schema;
  const [row] = await db
    .select({ essayPath: threadLocks.essayPath, reason: threadLocks.reason, lockedAt: threadLocks.lockedAt })
    .from(threadLocks)
    .where(eq(threadLocks.essayPath, essayPath))
    .limit(1);
  return row;
}

/** Every locked essay path, for lists and the essay pages' open/closed state. */
export async function getLockedEssayPaths(): Promise<string[]> {
  const { db, schema } = getDb();
  const { threadLocks } = schema;
  const rows = await db.select({ essayPath: threadLocks.essayPath }).from(threadLocks).orderBy(threadLocks.essayPath);
  return rows.map((row) => row.essayPath);
}

// ── Bans ──

/** A ban counts while it is not lifted and has no end date, or one still ahead (`now`: a Date, or a placeholder for one). */
export function activeBanCondition(now: Date | SQLWrapper) {
  const { bans } = getDb().schema;
  return and(isNull(bans.liftedAt), or(isNull(bans.endsAt), gt(bans.endsAt, now)));
}

/** Bans and unbans of one reader run one at a time: two bans at once would both find no active ban and both insert one. */
const banLock = (userId: string): TransactionOptions => ({ lockKey: `moderation:ban:${userId}` });

export type BanUserResult =
  | { ok: true; banId: number; hiddenCount: number; essayPaths: string[] }
  | NotModerator
  | { ok: false; reason: "not-found" | "self" | "already-banned" | "ends-in-past" };

/**
 * Bans a reader from commenting (endsAt null: until lifted). With `hideComments`, every comment
 * they wrote that is not hidden yet is hidden with the ban's reason, in the same transaction:
 * one "ban" log entry, plus one "hide" entry per comment hidden, so each can be traced and
 * restored. `essayPaths` lists the threads that changed. A reader already banned is refused
 * (unban first to change the terms).
 */
export async function banUser({
  userId,
  actor,
  reason,
  endsAt,
  hideComments,
  now = new Date(),
}: ModeratorRequest & { userId: string; reason: string; endsAt: Date | null; hideComments: boolean }): Promise<BanUserResult> {
  const { bans, comments, users } = getDb().schema;
  return withModeratorTransaction(
    actor,
    now,
    async (tx, log): Promise<BanUserResult> => {
      if (userId === actor.id) return { ok: false, reason: "self" };
      if (endsAt !== null && endsAt.getTime() <= now.getTime()) return { ok: false, reason: "ends-in-past" };
      const [target] = await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).limit(1);
      if (!target) return { ok: false, reason: "not-found" };
      const [active] = await tx
        .select({ id: bans.id })
        .from(bans)
        .where(and(eq(bans.userId, userId), activeBanCondition(now)))
        .limit(1);
      if (active) return { ok: false, reason: "already-banned" };

      const [ban] = await tx.insert(bans).values({ userId, reason, endsAt, createdBy: actor.id, createdAt: now }).returning({ id: bans.id });
      if (!ban) throw new Error("insert into bans returned no row");
      const hidden = hideComments
        ? await tx
            .update(comments)
            .set({ status: "hidden", moderationReason: reason })
            .where(and(eq(comments.authorId, userId), ne(comments.status, "hidden")))
            .returning({ id: comments.id, essayPath: comments.essayPath })
        : [];
      hidden.sort((a, b) => a.id - b.id);
      await log([
        // The log has no end-date column, so the entry says it in words.
        { action: "ban", targetUserId: userId, reason: endsAt ? `${reason} (until ${endsAt.toISOString()})` : reason },
        ...hidden.map((comment) => ({ action: "hide" as const, commentId: comment.id, essayPath: comment.essayPath, targetUserId: userId, reason })),
      ]);
      const essayPaths = [...new Set(hidden.map((comment) => comment.essayPath))].sort();
      return { ok: true, banId: ban.id, hiddenCount: hidden.length, essayPaths };
    },
    banLock(userId),
  );
}

export type UnbanUserResult = { ok: true; changed: boolean } | NotModerator;

/**
 * Lifts the reader's active ban (liftedAt/liftedBy; the row stays). Comments hidden with the
 * ban stay hidden: each is restored on its own. No active ban: nothing changes.
 */
export async function unbanUser({ userId, actor, reason = null, now = new Date() }: ModeratorRequest & { userId: string; reason?: string | null }): Promise<UnbanUserResult> {
  const { bans } = getDb().schema;
  return withModeratorTransaction(
    actor,
    now,
    async (tx, log): Promise<UnbanUserResult> => {
      const lifted = await tx
        .update(bans)
        .set({ liftedAt: now, liftedBy: actor.id })
        .where(and(eq(bans.userId, userId), activeBanCondition(now)))
        .returning({ id: bans.id });
      if (lifted.length === 0) return { ok: true, changed: false };
      await log([{ action: "unban", targetUserId: userId, reason }]);
      return { ok: true, changed: true };
    },
    banLock(userId),
  );
}

export type ActiveBan = { id: number; reason: string; endsAt: Date | null; createdAt: Date };

/** The reader's active ban, the one that lasts longest when (against the rules) there are several. */
export async function getActiveBan({ userId, now = new Date() }: { userId: string; now?: Date }): Promise<ActiveBan | undefined> {
  const { db, schema } = getDb();
  const { bans } = schema;
  const [row] = await db
    .select({ id: bans.id, reason: bans.reason, endsAt: bans.endsAt, createdAt: bans.createdAt })
    .from(bans)
    .where(and(eq(bans.userId, userId), activeBanCondition(now)))
    .orderBy(desc(sql`${bans.endsAt} is null`), desc(bans.endsAt), desc(bans.id))
    .limit(1);
  return row;
}

export type CommenterStanding = { ban?: { reason: string; endsAt: Date | null }; approved: boolean };

/**
 * What posting a comment needs to know about its author, in one query: an active ban (the
 * longest), and whether a moderator has approved one of their comments before. An unknown
 * user is neither banned nor approved.
 */
export async function getCommenterStanding({ userId, now = new Date() }: { userId: string; now?: Date }): Promise<CommenterStanding> {
  const { db, schema } = getDb();
  const { bans, users } = schema;
  const [row] = await db
    .select({ approvedAt: users.commentsApprovedAt, banId: bans.id, reason: bans.reason, endsAt: bans.endsAt })
    .from(users)
    .leftJoin(bans, and(eq(bans.userId, users.id), activeBanCondition(now)))
    .where(eq(users.id, userId))
    .orderBy(...longestBanFirst())
    .limit(1);
  return row ? standingFrom(row) : { approved: false };
}

/** Of several active bans (only possible by hand), the longest: no end date, then the latest end. */
export function longestBanFirst() {
  const { bans } = getDb().schema;
  return [desc(sql`${bans.endsAt} is null`), desc(bans.endsAt), desc(bans.id)];
}

/** A standing from the columns its queries read (also insertComment's checks in db/queries/comments.ts). */
export function standingFrom(row: { approvedAt: Date | null; banId: number | null; reason: string | null; endsAt: Date | null }): CommenterStanding {
  const approved = row.approvedAt !== null;
  return row.banId !== null && row.reason !== null ? { ban: { reason: row.reason, endsAt: row.endsAt }, approved } : { approved };
}

export type PostingStanding = CommenterStanding & { threadLocked: boolean; moderator: boolean; nameConfirmed: boolean };

/**
 * What posting a comment checks before its transaction, in ONE query (posting is the busiest
 * write: docs/decisions/015-fast-comment-posting.md): whether a moderator locked the essay's
 * thread (getThreadLock), the author's standing (getCommenterStanding), and whether the author
 * is a moderator (isModerator, whose comments never wait for approval), and whether the author
 * has accepted the name other readers will see (docs/decisions/030-choosing-a-public-name.md).
 * An unknown user is neither banned, approved, a moderator nor named.
 */
export async function getPostingStanding({
  userId,
  essayPath,
  now = new Date(),
}: {
  userId: string;
  essayPath: string;
  now?: Date;
}): Promise<PostingStanding> {
  const [row] = await postingStandingQuery(getDb().db).execute({ userId, essayPath, now });
  // No such user (not reachable with a live session): the lock still has to be asked.
  if (!row) return { approved: false, moderator: false, nameConfirmed: false, threadLocked: (await getThreadLock({ essayPath })) !== undefined };
  return { ...standingFrom(row), threadLocked: row.lockedPath !== null, moderator: isModerator(row), nameConfirmed: row.nameConfirmedAt !== null };
}

/**
 * getPostingStanding's query, prepared once per db (db/prepared.ts): it runs on every post.
 * Placeholders: userId, essayPath, now (a Date; the ban condition is activeBanCondition's).
 */
function postingStandingQuery(db: Db) {
  return prepared(db, "getPostingStanding", (db) => {
    const { bans, threadLocks, users } = getDb().schema;
    const lock = db.select({ essayPath: threadLocks.essayPath }).from(threadLocks).where(eq(threadLocks.essayPath, sql.placeholder("essayPath")));
    return db
      .select({
        lockedPath: sql<string | null>`${lock}`,
        approvedAt: users.commentsApprovedAt,
        nameConfirmedAt: users.nameConfirmedAt,
        banId: bans.id,
        reason: bans.reason,
        endsAt: bans.endsAt,
        // Read only for the moderator rule; never returned.
        email: users.email,
        emailVerified: users.emailVerified,
      })
      .from(users)
      .leftJoin(bans, and(eq(bans.userId, users.id), activeBanCondition(columnPlaceholder("now", bans.endsAt))))
      .where(eq(users.id, sql.placeholder("userId")))
      .orderBy(...longestBanFirst())
      .limit(1);
  });
}

// ── Reports ──

export type ReportCommentResult =
  | { ok: true; reportId: number; essayPath: string }
  | { ok: false; reason: "already-reported" | "not-found" };

/**
 * A signed-in reader reports a comment they can see (published, not deleted), once: the
 * unique (comment, reporter) index settles two reports at once. Reporting is not a moderation
 * action and writes no log entry; resolving the report does.
 */
export async function reportComment({
  commentId,
  reporterId,
  reason,
  now = new Date(),
}: {
  commentId: number;
  reporterId: string;
  reason: string;
  now?: Date;
}): Promise<ReportCommentResult> {
  const { comments, reports } = getDb().schema;
  return withTransaction(async (tx): Promise<ReportCommentResult> => {
    const [comment] = await tx
      .select({ essayPath: comments.essayPath })
      .from(comments)
      .where(and(eq(comments.id, commentId), eq(comments.status, "published"), isNull(comments.deletedAt)))
      .limit(1);
    if (!comment) return { ok: false, reason: "not-found" };
    const [report] = await tx
      .insert(reports)
      .values({ commentId, reporterId, reason, createdAt: now })
      .onConflictDoNothing()
      .returning({ id: reports.id });
    if (!report) return { ok: false, reason: "already-reported" };
    return { ok: true, reportId: report.id, essayPath: comment.essayPath };
  });
}

export type ResolveReportResult =
  | { ok: true; changed: boolean; commentId: number; essayPath: string }
  | NotModerator
  | { ok: false; reason: "not-found" };

/** Closes a report with what was done about it. A resolved report keeps its first resolution. */
export async function resolveReport({ reportId, actor, resolution, now = new Date() }: ModeratorRequest & { reportId: number; resolution: string }): Promise<ResolveReportResult> {
  const { comments, reports } = getDb().schema;
  return withModeratorTransaction(actor, now, async (tx, log): Promise<ResolveReportResult> => {
    const [resolved] = await tx
      .update(reports)
      .set({ resolvedAt: now, resolvedBy: actor.id, resolution })
      .where(and(eq(reports.id, reportId), isNull(reports.resolvedAt)))
      .returning({ commentId: reports.commentId });
    // Reports go with their comment (ON DELETE CASCADE), so a report always has one.
    const [report] = await tx
      .select({ commentId: reports.commentId, essayPath: comments.essayPath, authorId: comments.authorId })
      .from(reports)
      .innerJoin(comments, eq(comments.id, reports.commentId))
      .where(eq(reports.id, reportId))
      .limit(1);
    if (!report) return { ok: false, reason: "not-found" };
    const { commentId, essayPath, authorId } = report;
    if (!resolved) return { ok: true, changed: false, commentId, essayPath };
    await log([{ action: "resolve-report", commentId, essayPath, targetUserId: authorId, reason: resolution }]);
    return { ok: true, changed: true, commentId, essayPath };
  });
}

export type RemoveDeltaResult = { ok: true; changed: boolean; commentId: number; essayPath: string } | NotModerator | { ok: false; reason: "not-found" };

/**
 * Removes an abusive Δ (issue 14) with a public reason: the row stays, its explanation is no longer
 * shown, the reason is, and the log names the giver. A removed Δ stays removed (a second request
 * changes nothing), and it still counts for "one per giver and recipient".
 */
export async function removeDelta({ deltaId, actor, reason, now = new Date() }: ModeratorRequest & { deltaId: number; reason: string }): Promise<RemoveDeltaResult> {
  const { commentDeltas } = getDb().schema;
  return withModeratorTransaction(actor, now, async (tx, log): Promise<RemoveDeltaResult> => {
    const [removed] = await tx
      .update(commentDeltas)
      .set({ removedAt: now, removedBy: actor.id, removalReason: reason })
      .where(and(eq(commentDeltas.id, deltaId), isNull(commentDeltas.removedAt)))
      .returning({ commentId: commentDeltas.commentId, essayPath: commentDeltas.essayPath, giverId: commentDeltas.giverId });
    if (!removed) {
      const [current] = await tx
        .select({ commentId: commentDeltas.commentId, essayPath: commentDeltas.essayPath })
        .from(commentDeltas)
        .where(eq(commentDeltas.id, deltaId))
        .limit(1);
      return current ? { ok: true, changed: false, ...current } : { ok: false, reason: "not-found" };
    }
    await log([{ action: "remove-delta", commentId: removed.commentId, essayPath: removed.essayPath, targetUserId: removed.giverId, reason }]);
    return { ok: true, changed: true, commentId: removed.commentId, essayPath: removed.essayPath };
  });
}
