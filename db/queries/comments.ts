import "server-only";
import { and, asc, count, desc, eq, gt, inArray, isNull, ne, sql } from "drizzle-orm";
import { getDb, withTransaction, type Db } from "@/db/client";
import { columnPlaceholder, prepared } from "@/db/prepared";
import { authorName, publicName } from "@/lib/auth/display-name";
import { isModerator } from "@/lib/moderation/moderators";
import { checkPassage, insertPassage, type PassageInput, type PassageRefusal } from "./passages";
import { activeBanCondition, longestBanFirst, standingFrom, type PostingStanding } from "./moderation";

// Storage choices (rate limits counted from comments, the double-submit window, soft
// deletes that keep the text) are explained in docs/decisions/008-comment-storage.md.

/** One comment as a public thread shows it: no e-mail, no text of deleted or hidden comments. */
export type ThreadComment = {
  id: number;
  parentId: number | null;
  authorId: string | null;
  authorName: string;
  authorImage: string | null;
  /** Sanitized HTML; null for deleted and hidden comments (their text stays in the database). */
  bodyHtml: string | null;
  status: "published" | "hidden";
  /** Why a moderator hid the comment (shown on its tombstone); null unless it is hidden. */
  moderationReason: string | null;
  deleted: boolean;
  editedAt: Date | null;
  createdAt: Date;
  /** Set while its author has it retracted (issue 14); null otherwise, and for deleted or hidden comments. */
  retraction: CommentRetractionState | null;
  /** The Δs "changed my mind" it received, oldest first; empty for deleted or hidden comments. */
  deltas: ThreadDelta[];
  /** Set on a shown reply its author marked as disagreeing with its parent (decision 041). */
  disagreement: ThreadDisagreement | null;
};

/** A disagreeing reply's restatement of the view it answers, and the answer of that view's author. */
export type ThreadDisagreement = {
  /** "You're saying that …": what follows; null when the reader skipped it. */
  restatement: string | null;
  answer: { verdict: "confirmed" | "not-quite"; correction: string | null; at: Date } | null;
};

/** A Δ as the thread shows it: the giver's public name and what changed, or a moderator's public reason. */
export type ThreadDelta = { id: number; giverId: string; giverName: string; explanation: string | null; removalReason: string | null; at: Date };

/** A retracted comment's note and the comment (same essay) that changed its author's mind. */
export type CommentRetractionState = { at: Date; note: string | null; causeId: number | null };

/** A second post of the same text by the same reader within this window is a double submit. */
export const DUPLICATE_WINDOW_MS = 10 * 60 * 1000;
const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;

/** Every published and every hidden comment on one essay, in one query (pending ones are not shown). */
export async function getThreadByEssay({ essayPath }: { essayPath: string }): Promise<ThreadComment[]> {
  const { db, schema, dialect } = getDb();
  const { comments, users } = schema;
  const deltas = threadDeltasSubquery(db, dialect, essayPath);
  const rows = await db
    .select({
      id: comments.id,
      parentId: comments.parentId,
      authorId: comments.authorId,
      storedAuthorName: comments.authorName,
      userDisplayName: users.displayName,
      userName: users.name,
      authorImage: users.image,
      // Decided in SQL, so the text of a deleted or hidden comment never leaves the database.
      bodyHtml: sql<string | null>`case when ${comments.deletedAt} is null and ${comments.status} = 'published' then ${comments.bodyHtml} end`,
      status: comments.status,
      moderationReason: sql<string | null>`case when ${comments.status} = 'hidden' then ${comments.moderationReason} end`,
      deletedAt: comments.deletedAt,
      editedAt: comments.editedAt,
      createdAt: comments.createdAt,
      retractedAt: comments.retractedAt,
      retractionNote: comments.retractionNote,
      retractionCauseId: comments.retractionCauseId,
      deltas: deltas.list,
      disagrees: comments.disagrees,
      restatement: comments.restatement,
      restatementVerdict: comments.restatementVerdict,
      restatementCorrection: comments.restatementCorrection,
      restatementAnsweredAt: comments.restatementAnsweredAt,
    })
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .leftJoin(deltas, eq(deltas.commentId, comments.id))
    .where(and(eq(comments.essayPath, essayPath), ne(comments.status, "pending")))
    .orderBy(asc(comments.createdAt), asc(comments.id));

  return rows.map((row) => ({
    id: row.id,
    parentId: row.parentId,
    authorId: row.authorId,
    authorName: authorName(row),
    authorImage: row.authorId !== null ? row.authorImage : null,
    bodyHtml: row.bodyHtml ?? null,
    status: row.status === "hidden" ? "hidden" : "published",
    moderationReason: row.moderationReason ?? null,
    deleted: row.deletedAt !== null,
    editedAt: row.editedAt,
    createdAt: row.createdAt,
    retraction:
      row.retractedAt && row.bodyHtml !== null
        ? { at: row.retractedAt, note: row.retractionNote, causeId: row.retractionCauseId }
        : null,
    deltas: row.bodyHtml !== null && row.deltas ? parseThreadDeltas(row.deltas) : [],
    disagreement:
      row.bodyHtml !== null && row.disagrees
        ? {
            restatement: row.restatement,
            answer: row.restatementVerdict && row.restatementAnsweredAt ? { verdict: row.restatementVerdict, correction: row.restatementCorrection, at: row.restatementAnsweredAt } : null,
          }
        : null,
  }));
}

/**
 * Every Δ under the essay as one JSON array per comment, joined to the thread's one query (issue
 * 14: a thread's Δs come with it, not one query per comment). A removed Δ's words stay in the
 * database: only its public reason is selected.
 */
function threadDeltasSubquery(db: Db, dialect: "sqlite" | "postgres", essayPath: string) {
  const { commentDeltas, users } = getDb().schema;
  const explanation = sql`case when ${commentDeltas.removedAt} is null then ${commentDeltas.explanation} end`;
  const fields = sql`'id', ${commentDeltas.id}, 'giverId', ${commentDeltas.giverId}, 'giverDisplayName', ${users.displayName}, 'giverName', ${users.name}, 'explanation', ${explanation}, 'removalReason', ${commentDeltas.removalReason}, 'at', ${commentDeltas.createdAt}`;
  const list =
    dialect === "postgres" ? sql<unknown>`json_agg(json_build_object(${fields}))` : sql<unknown>`json_group_array(json_object(${fields}))`;
  return db
    .select({ commentId: commentDeltas.commentId, list: list.as("delta_list") })
    .from(commentDeltas)
    .innerJoin(users, eq(users.id, commentDeltas.giverId))
    .where(eq(commentDeltas.essayPath, essayPath))
    .groupBy(commentDeltas.commentId)
    .as("thread_deltas");
}

type StoredDelta = { id: number; giverId: string; giverDisplayName: string | null; giverName: string | null; explanation: string | null; removalReason: string | null; at: number | string };

/** SQLite hands the array back as JSON text, PostgreSQL (node-postgres) as parsed JSON; times as ms or ISO text. */
function parseThreadDeltas(value: unknown): ThreadDelta[] {
  const list = (typeof value === "string" ? JSON.parse(value) : value) as StoredDelta[];
  return list
    .map((delta) => ({
      id: delta.id,
      giverId: delta.giverId,
      giverName: publicName({ displayName: delta.giverDisplayName, name: delta.giverName }),
      explanation: delta.explanation,
      removalReason: delta.removalReason,
      at: new Date(delta.at),
    }))
    .sort((a, b) => a.id - b.id);
}

/** One of the reader's own comments that the public thread does not show (author-only view). */
export type HeldComment = {
  id: number;
  parentId: number | null;
  status: "pending" | "hidden";
  /** The reader's own text: they may always see what they wrote. */
  bodyHtml: string;
  /** Why a moderator hid it; null while it waits for approval. */
  moderationReason: string | null;
  editedAt: Date | null;
  createdAt: Date;
};

/**
 * The author's own pending and hidden comments on one essay, oldest first, in one query. Only
 * for the author (the caller passes the signed-in reader's id); deleted ones are left out.
 */
export async function getOwnHeldCommentsForEssay({ essayPath, authorId }: { essayPath: string; authorId: string }): Promise<HeldComment[]> {
  const { db, schema } = getDb();
  const { comments } = schema;
  const rows = await db
    .select({
      id: comments.id,
      parentId: comments.parentId,
      status: comments.status,
      bodyHtml: comments.bodyHtml,
      moderationReason: comments.moderationReason,
      editedAt: comments.editedAt,
      createdAt: comments.createdAt,
    })
    .from(comments)
    .where(
      and(
        eq(comments.essayPath, essayPath),
        eq(comments.authorId, authorId),
        inArray(comments.status, ["pending", "hidden"]),
        isNull(comments.deletedAt),
      ),
    )
    .orderBy(asc(comments.createdAt), asc(comments.id));
  return rows.map((row) => ({
    ...row,
    status: row.status === "hidden" ? "hidden" : "pending",
    moderationReason: row.status === "hidden" ? row.moderationReason : null,
  }));
}

/** Readable comments (published, not deleted) per essay path, for every essay that has any. */
export async function getCommentCountsByEssay(): Promise<Record<string, number>> {
  const { db, schema } = getDb();
  const { comments } = schema;
  const rows = await db
    .select({ essayPath: comments.essayPath, comments: count() })
    .from(comments)
    .where(and(eq(comments.status, "published"), isNull(comments.deletedAt)))
    .groupBy(comments.essayPath);
  return Object.fromEntries(rows.map((row) => [row.essayPath, row.comments]));
}

/**
 * Essays whose threads show a comment by this reader (any status: held and hidden comments
 * show their author to the author and to moderators). A rename refreshes these threads.
 */
export async function getEssayPathsWithCommentsBy({ authorId }: { authorId: string }): Promise<string[]> {
  const { db, schema } = getDb();
  const { comments } = schema;
  const rows = await db.selectDistinct({ essayPath: comments.essayPath }).from(comments).where(eq(comments.authorId, authorId));
  return rows.map((row) => row.essayPath);
}

/** Readable comments (published, not deleted) on one essay. */
export async function getCommentCountForEssay({ essayPath }: { essayPath: string }): Promise<number> {
  const { db, schema } = getDb();
  const { comments } = schema;
  const [row] = await db
    .select({ comments: count() })
    .from(comments)
    .where(and(eq(comments.essayPath, essayPath), eq(comments.status, "published"), isNull(comments.deletedAt)));
  return row?.comments ?? 0;
}

export type CommentForAuthor = {
  id: number;
  essayPath: string;
  parentId: number | null;
  authorId: string | null;
  status: "published" | "pending" | "hidden";
  deletedAt: Date | null;
  editedAt: Date | null;
  createdAt: Date;
  /** Set while its author has it retracted. */
  retractedAt: Date | null;
  /** The Markdown source, for the edit form; the caller checks the reader is its author. */
  body: string;
};

/** One comment with its Markdown source, for edit forms and authorization checks. */
export async function getCommentById({ id }: { id: number }): Promise<CommentForAuthor | undefined> {
  const { db, schema } = getDb();
  const { comments } = schema;
  const [row] = await db
    .select({
      id: comments.id,
      essayPath: comments.essayPath,
      parentId: comments.parentId,
      authorId: comments.authorId,
      status: comments.status,
      deletedAt: comments.deletedAt,
      editedAt: comments.editedAt,
      createdAt: comments.createdAt,
      retractedAt: comments.retractedAt,
      body: comments.body,
    })
    .from(comments)
    .where(eq(comments.id, id))
    .limit(1);
  return row;
}

export type InsertCommentResult<Refusal = never> =
  | { ok: true; id: number; duplicate: boolean }
  | { ok: false; reason: "parent-missing" | "parent-other-essay" }
  | { ok: false; reason: "rate-limited"; retryAfterMs: number }
  | { ok: false; reason: "passage"; problem: PassageRefusal }
  | { ok: false; reason: "refused"; refusal: Refusal };

/**
 * What the caller decides from the author's standing, read inside the posting transaction:
 * the new comment's status, or a refusal (passed back as it is) that writes nothing.
 */
export type PostingAdmission<Refusal> = { status: "published" | "pending" } | { refused: Refusal };

/**
 * Posts a comment in one transaction, serialised per author across every instance:
 *  0. with `admit`: the author's standing (thread lock, active ban, approval, moderator role,
 *     accepted name) is read and `admit` decides the status or refuses, so a ban or a lock made
 *     a moment earlier is always seen (without it, `status` is used as given);
 *  1. the same text by the same reader, in the same place, within 10 minutes is a double
 *     submit: the earlier comment is returned and nothing is written;
 *  2. a parent must exist on the same essay;
 *  3. at most `limits.perMinute` comments in the last minute and `limits.perDay` in the last
 *     24 hours per author, counted from the author's own comments (deleted ones included);
 *  4. insert.
 * A refusal writes nothing. `body` and `bodyHtml` come validated and rendered from the caller.
 */
export async function insertComment<Refusal = never>({
  essayPath,
  parentId,
  authorId,
  body,
  bodyHtml,
  renderVersion,
  disagrees = false,
  restatement = null,
  status = "published",
  admit,
  limits,
  passage = null,
  now = new Date(),
}: {
  essayPath: string;
  parentId: number | null;
  authorId: string;
  body: string;
  bodyHtml: string;
  renderVersion: number;
  /** A reply marked as disagreeing with its parent, and its restatement of the parent's view (decision 041). */
  disagrees?: boolean;
  restatement?: string | null;
  status?: "published" | "pending";
  admit?: (standing: PostingStanding) => PostingAdmission<Refusal>;
  limits: { perMinute: number; perDay: number };
  /** The passage of the essay a top-level comment responds to (issue 15), checked against its stored revision. */
  passage?: PassageInput | null;
  now?: Date;
}): Promise<InsertCommentResult<Refusal>> {
  for (const [name, limit] of Object.entries(limits)) {
    if (!Number.isInteger(limit) || limit < 1) throw new RangeError(`limits.${name} must be a whole number of at least 1`);
  }
  return withTransaction(
    async (tx): Promise<InsertCommentResult<Refusal>> => {
      // Steps 0–3 are read in ONE query (postingChecks): posting is the busiest write, and on SQLite
      // every query is a turn through the connection's queue (docs/decisions/015-fast-comment-posting.md).
      const [checks] = await postingChecks(tx, parentId !== null).execute({
        authorId,
        essayPath,
        parentId,
        body,
        now,
        duplicateSince: new Date(now.getTime() - DUPLICATE_WINDOW_MS),
        minuteSince: new Date(now.getTime() - MINUTE_MS),
        daySince: new Date(now.getTime() - DAY_MS),
        minuteOffset: limits.perMinute - 1,
        dayOffset: limits.perDay - 1,
      });
      if (!checks) throw new Error(`insertComment: no user ${authorId}`);

      let admitted = status;
      if (admit) {
        const standing = { ...standingFrom(checks), threadLocked: checks.lockedPath !== null, moderator: isModerator(checks), nameConfirmed: checks.nameConfirmedAt !== null };
        const admission = admit(standing);
        if ("refused" in admission) return { ok: false, reason: "refused", refusal: admission.refused };
        admitted = admission.status;
      }

      if (checks.duplicateId !== null) return { ok: true, id: checks.duplicateId, duplicate: true };

      if (parentId !== null) {
        if (checks.parentEssayPath === null) return { ok: false, reason: "parent-missing" };
        if (checks.parentEssayPath !== essayPath) return { ok: false, reason: "parent-other-essay" };
      }

      // Over both limits, the reader must wait for both.
      const retryAfterMs = Math.max(waitUntilLeaves(checks.minuteOldest, MINUTE_MS, now), waitUntilLeaves(checks.dayOldest, DAY_MS, now));
      if (retryAfterMs > 0) return { ok: false, reason: "rate-limited", retryAfterMs };

      const checkedPassage = passage ? await checkPassage(tx, essayPath, passage) : null;
      if (checkedPassage && !checkedPassage.ok) return { ok: false, reason: "passage", problem: checkedPassage.reason };

      const [row] = await insertCommentRow(tx).execute({ essayPath, parentId, authorId, body, bodyHtml, renderVersion, disagrees: parentId !== null && disagrees, restatement: parentId !== null && disagrees ? restatement : null, status: admitted, createdAt: now });
      if (!row) throw new Error("insert into comments returned no row");
      if (checkedPassage) await insertPassage(tx, row.id, checkedPassage.values);
      return { ok: true, id: row.id, duplicate: false };
    },
    { lockKey: `comments:author:${authorId}` },
  );
}

/** Prepares and runs the posting checks once without writing anything (lib/comments/warm-up.ts). */
export async function warmUpPostingChecks(): Promise<void> {
  const now = new Date();
  const values = { authorId: "", essayPath: "/", parentId: 0, body: "", now, duplicateSince: now, minuteSince: now, daySince: now, minuteOffset: 0, dayOffset: 0 };
  for (const reply of [false, true]) await postingChecks(getDb().db, reply).execute(values);
}

/**
 * insertComment's steps 0–3 in ONE query, a scalar subquery each, from the author's row (which
 * must exist: comments reference users) and their longest active ban. Prepared once per db
 * (db/prepared.ts), one variant for top-level comments and one for replies; placeholders:
 * authorId, essayPath, body, parentId (replies), now, duplicateSince, minuteSince, daySince
 * (Dates), minuteOffset, dayOffset.
 */
function postingChecks(tx: Db, reply: boolean) {
  return prepared(tx, reply ? "insertComment:checks:reply" : "insertComment:checks", (db) => {
    const { bans, comments, threadLocks, users } = getDb().schema;
    const authorId = sql.placeholder("authorId");
    const parentId = sql.placeholder("parentId");
    const lock = db.select({ essayPath: threadLocks.essayPath }).from(threadLocks).where(eq(threadLocks.essayPath, sql.placeholder("essayPath")));
    const earlier = db
      .select({ id: comments.id })
      .from(comments)
      .where(
        and(
          eq(comments.authorId, authorId),
          gt(comments.createdAt, columnPlaceholder("duplicateSince", comments.createdAt)),
          eq(comments.essayPath, sql.placeholder("essayPath")),
          reply ? eq(comments.parentId, parentId) : isNull(comments.parentId),
          eq(comments.body, sql.placeholder("body")),
          isNull(comments.deletedAt),
        ),
      )
      .orderBy(desc(comments.createdAt))
      .limit(1);
    const parentEssayPath = reply
      ? sql<string | null>`${db.select({ essayPath: comments.essayPath }).from(comments).where(eq(comments.id, parentId))}`
      : sql<null>`null`;
    // The (offset + 1)-th newest of the author's comments since `since` (deleted ones count), if there are that many.
    const oldestCounted = (offset: string, since: string) =>
      db
        .select({ createdAt: comments.createdAt })
        .from(comments)
        .where(and(eq(comments.authorId, authorId), gt(comments.createdAt, columnPlaceholder(since, comments.createdAt))))
        .orderBy(desc(comments.createdAt))
        .limit(1)
        .offset(sql.placeholder(offset));
    return db
      .select({
        duplicateId: sql<number | null>`${earlier}`.mapWith(Number),
        parentEssayPath,
        // mapWith the column: a Date from either dialect's timestamp.
        minuteOldest: sql<Date | null>`${oldestCounted("minuteOffset", "minuteSince")}`.mapWith(comments.createdAt),
        dayOldest: sql<Date | null>`${oldestCounted("dayOffset", "daySince")}`.mapWith(comments.createdAt),
        // Step 0, the standing (as getPostingStanding reads it); email only for the moderator rule, never returned.
        lockedPath: sql<string | null>`${lock}`,
        approvedAt: users.commentsApprovedAt,
        nameConfirmedAt: users.nameConfirmedAt,
        email: users.email,
        emailVerified: users.emailVerified,
        banId: bans.id,
        reason: bans.reason,
        endsAt: bans.endsAt,
      })
      .from(users)
      .leftJoin(bans, and(eq(bans.userId, users.id), activeBanCondition(columnPlaceholder("now", bans.endsAt))))
      .where(eq(users.id, authorId))
      .orderBy(...longestBanFirst())
      .limit(1);
  });
}

/** insertComment's step 4, prepared once per db; a placeholder per value (createdAt a Date). */
function insertCommentRow(tx: Db) {
  return prepared(tx, "insertComment:insert", (db) => {
    const { comments } = getDb().schema;
    const value = (name: string) => sql.placeholder(name);
    return db
      .insert(comments)
      .values({
        essayPath: value("essayPath"),
        parentId: value("parentId"),
        authorId: value("authorId"),
        body: value("body"),
        bodyHtml: value("bodyHtml"),
        renderVersion: value("renderVersion"),
        disagrees: value("disagrees"),
        restatement: value("restatement"),
        status: value("status"),
        // Insert values are encoded by their column, placeholders included (a Date here).
        createdAt: value("createdAt"),
      })
      .returning({ id: comments.id });
  });
}

/**
 * 0 if the author may post now, else the milliseconds until `oldestCounted` (the `limit`-th
 * newest of their comments in the window) leaves it, which brings them back under the limit.
 */
function waitUntilLeaves(oldestCounted: Date | null, windowMs: number, now: Date): number {
  if (oldestCounted === null) return 0;
  return Math.max(1, oldestCounted.getTime() + windowMs - now.getTime());
}

export type UpdateCommentResult =
  | { ok: true }
  | { ok: false; reason: "not-found" | "not-author" | "deleted" | "retracted" }
  | { ok: false; reason: "banned"; ban: { reason: string; endsAt: Date | null } };

/**
 * Replaces a comment's text, by its author only, unless a moderator has banned them (read in
 * the transaction: otherwise an edit would be a way around a ban). The version it replaces goes
 * to comment_revisions in the same transaction; the same text again changes nothing.
 */
export async function updateCommentBody({
  id,
  authorId,
  body,
  bodyHtml,
  renderVersion,
  now = new Date(),
}: {
  id: number;
  authorId: string;
  body: string;
  bodyHtml: string;
  renderVersion: number;
  now?: Date;
}): Promise<UpdateCommentResult> {
  const { bans, comments, commentRevisions } = getDb().schema;

  return withTransaction(
    async (tx): Promise<UpdateCommentResult> => {
      const [ban] = await tx
        .select({ reason: bans.reason, endsAt: bans.endsAt })
        .from(bans)
        .where(and(eq(bans.userId, authorId), activeBanCondition(now)))
        .orderBy(...longestBanFirst())
        .limit(1);
      if (ban) return { ok: false, reason: "banned", ban };
      const [current] = await tx
        .select({
          authorId: comments.authorId,
          body: comments.body,
          bodyHtml: comments.bodyHtml,
          deletedAt: comments.deletedAt,
          retractedAt: comments.retractedAt,
          editedAt: comments.editedAt,
          createdAt: comments.createdAt,
        })
        .from(comments)
        .where(eq(comments.id, id))
        .limit(1);
      if (!current) return { ok: false, reason: "not-found" };
      if (current.authorId === null || current.authorId !== authorId) return { ok: false, reason: "not-author" };
      if (current.deletedAt !== null) return { ok: false, reason: "deleted" };
      // What was retracted stays as it was retracted; undoing the retraction allows edits again.
      if (current.retractedAt !== null) return { ok: false, reason: "retracted" };
      if (current.body === body) return { ok: true };

      await tx.insert(commentRevisions).values({
        commentId: id,
        body: current.body,
        bodyHtml: current.bodyHtml,
        writtenAt: current.editedAt ?? current.createdAt,
        replacedAt: now,
      });
      await tx
        .update(comments)
        .set({ body, bodyHtml, renderVersion, editedAt: now })
        .where(and(eq(comments.id, id), eq(comments.authorId, authorId)));
      return { ok: true };
    },
    // Two edits at once would both save the same previous version and lose the first edit's text.
    { lockKey: `comments:edit:${id}` },
  );
}

export type DeleteCommentResult = { ok: true } | { ok: false; reason: "not-found" | "not-author" };

/**
 * Marks a comment deleted, by its author only; the row and its text stay (the thread shows a
 * tombstone while replies hang below it). Deleting again succeeds and keeps the first time.
 */
export async function softDeleteComment({
  id,
  authorId,
  now = new Date(),
}: {
  id: number;
  authorId: string;
  now?: Date;
}): Promise<DeleteCommentResult> {
  const { db, schema } = getDb();
  const { comments } = schema;
  // One conditional write; the follow-up read only explains why nothing changed.
  const deleted = await db
    .update(comments)
    .set({ deletedAt: now })
    .where(and(eq(comments.id, id), eq(comments.authorId, authorId), isNull(comments.deletedAt)))
    .returning({ id: comments.id });
  if (deleted.length > 0) return { ok: true };

  const [row] = await db.select({ authorId: comments.authorId }).from(comments).where(eq(comments.id, id)).limit(1);
  if (!row) return { ok: false, reason: "not-found" };
  if (row.authorId !== authorId) return { ok: false, reason: "not-author" };
  return { ok: true };
}

export type CommentRevisionEntry = { id: number; body: string; bodyHtml: string; writtenAt: Date; replacedAt: Date };

/** Earlier versions of a comment, oldest first. */
export async function getCommentRevisions({ commentId }: { commentId: number }): Promise<CommentRevisionEntry[]> {
  const { db, schema } = getDb();
  const { commentRevisions } = schema;
  return db
    .select({
      id: commentRevisions.id,
      body: commentRevisions.body,
      bodyHtml: commentRevisions.bodyHtml,
      writtenAt: commentRevisions.writtenAt,
      replacedAt: commentRevisions.replacedAt,
    })
    .from(commentRevisions)
    .where(eq(commentRevisions.commentId, commentId))
    .orderBy(asc(commentRevisions.replacedAt), asc(commentRevisions.id));
}
