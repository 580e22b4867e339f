import "server-only";
import { and, asc, desc, eq, isNotNull, isNull, sql, type SQL } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb } from "@/db/client";
import { activeBanCondition, type ModerationAction } from "@/db/queries/moderation";
import { authorName, publicName } from "@/lib/auth/display-name";

// What the admin page lists (app/admin). Each list is ONE query (joins and correlated
// subqueries, never a query per row) and names people by display name: e-mail addresses are
// read only to derive a name, as everywhere else, and never returned. Moderators see the text
// of hidden and deleted comments: that is what they judge.

export type CommentListStatus = "published" | "pending" | "hidden" | "deleted";

export type ModerationCommentRow = {
  id: number;
  essayPath: string;
  parentId: number | null;
  authorId: string | null;
  authorName: string;
  /** Sanitized at write time (docs/decisions/008-comment-storage.md). */
  bodyHtml: string;
  /** "deleted" when its author deleted it, whatever its moderation status. */
  status: CommentListStatus;
  moderationReason: string | null;
  createdAt: Date;
  editedAt: Date | null;
  openReports: number;
  authorBanned: boolean;
};

type Page = { limit: number; offset?: number };

/** Keeps a page between 1 and 200 rows; the admin page asks for one more to know if there is a next page. */
const clampLimit = (limit: number) => Math.min(Math.max(Math.trunc(limit) || 1, 1), 201);
const clampOffset = (offset = 0) => Math.max(Math.trunc(offset) || 0, 0);

/** The columns every comment list needs, with its author's name and ban, and its open reports. */
function commentColumns(now: Date) {
  const { comments, users, reports, bans } = getDb().schema;
  return {
    id: comments.id,
    essayPath: comments.essayPath,
    parentId: comments.parentId,
    authorId: comments.authorId,
    storedAuthorName: comments.authorName,
    userDisplayName: users.displayName,
    userName: users.name,
    bodyHtml: comments.bodyHtml,
    status: comments.status,
    deletedAt: comments.deletedAt,
    moderationReason: comments.moderationReason,
    createdAt: comments.createdAt,
    editedAt: comments.editedAt,
    openReports: sql<number>`(select count(*) from ${reports} where ${reports.commentId} = ${comments.id} and ${reports.resolvedAt} is null)`.mapWith(
      Number,
    ),
    authorBanned: sql<number>`(case when exists (select 1 from ${bans} where ${bans.userId} = ${comments.authorId} and ${activeBanCondition(now)}) then 1 else 0 end)`.mapWith(
      Number,
    ),
  };
}

function toCommentRow(row: {
  id: number;
  essayPath: string;
  parentId: number | null;
  authorId: string | null;
  storedAuthorName: string | null;
  userDisplayName: string | null;
  userName: string | null;
  bodyHtml: string;
  status: "published" | "pending" | "hidden";
  deletedAt: Date | null;
  moderationReason: string | null;
  createdAt: Date;
  editedAt: Date | null;
  openReports: number;
  authorBanned: number;
}): ModerationCommentRow {
  return {
    id: row.id,
    essayPath: row.essayPath,
    parentId: row.parentId,
    authorId: row.authorId,
    authorName: authorName(row),
    bodyHtml: row.bodyHtml,
    status: row.deletedAt !== null ? "deleted" : row.status,
    moderationReason: row.status === "hidden" ? row.moderationReason : null,
    createdAt: row.createdAt,
    editedAt: row.editedAt,
    openReports: row.openReports,
    authorBanned: row.authorBanned > 0,
  };
}

/** Newest comments first, optionally on one essay and in one state. */
export async function listRecentComments({
  essayPath,
  status,
  limit,
  offset,
  now = new Date(),
}: Page & { essayPath?: string; status?: CommentListStatus; now?: Date }): Promise<ModerationCommentRow[]> {
  const { db, schema } = getDb();
  const { comments, users } = schema;
  const conditions: (SQL | undefined)[] = [essayPath === undefined ? undefined : eq(comments.essayPath, essayPath)];
  if (status === "deleted") conditions.push(isNotNull(comments.deletedAt));
  else if (status !== undefined) conditions.push(eq(comments.status, status), isNull(comments.deletedAt));
  const rows = await db
    .select(commentColumns(now))
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .where(and(...conditions))
    .orderBy(desc(comments.createdAt), desc(comments.id))
    .limit(clampLimit(limit))
    .offset(clampOffset(offset));
  return rows.map(toCommentRow);
}

/** The approval queue: comments waiting (not deleted by their author meanwhile), oldest first. */
export async function listPendingComments({ limit, offset, now = new Date() }: Page & { now?: Date }): Promise<ModerationCommentRow[]> {
  const { db, schema } = getDb();
  const { comments, users } = schema;
  const rows = await db
    .select(commentColumns(now))
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .where(and(eq(comments.status, "pending"), isNull(comments.deletedAt)))
    .orderBy(asc(comments.createdAt), asc(comments.id))
    .limit(clampLimit(limit))
    .offset(clampOffset(offset));
  return rows.map(toCommentRow);
}

export type OpenReportRow = {
  id: number;
  reason: string;
  createdAt: Date;
  reporterName: string;
  /** Open reports on the same comment, this one included. */
  reportCount: number;
  comment: ModerationCommentRow;
};

/** Open reports, oldest first, each with its comment (text, state, author) and who reported it. */
export async function listOpenReports({ limit, offset, now = new Date() }: Page & { now?: Date }): Promise<OpenReportRow[]> {
  const { db, schema } = getDb();
  const { comments, users, reports } = schema;
  const reporter = alias(users, "reporter");
  const rows = await db
    .select({
      ...commentColumns(now),
      reportId: reports.id,
      reportReason: reports.reason,
      reportedAt: reports.createdAt,
      reporterDisplayName: reporter.displayName,
      reporterName: reporter.name,
    })
    .from(reports)
    .innerJoin(comments, eq(comments.id, reports.commentId))
    .leftJoin(users, eq(users.id, comments.authorId))
    .innerJoin(reporter, eq(reporter.id, reports.reporterId))
    .where(isNull(reports.resolvedAt))
    .orderBy(asc(reports.createdAt), asc(reports.id))
    .limit(clampLimit(limit))
    .offset(clampOffset(offset));
  return rows.map((row) => ({
    id: row.reportId,
    reason: row.reportReason,
    createdAt: row.reportedAt,
    reporterName: publicName({ displayName: row.reporterDisplayName, name: row.reporterName }),
    reportCount: row.openReports,
    comment: toCommentRow(row),
  }));
}

export type ActiveBanRow = {
  id: number;
  userId: string;
  userName: string;
  reason: string;
  endsAt: Date | null;
  createdAt: Date;
  /** The moderator who banned, while their account exists. */
  createdByName: string | null;
};

/** Bans in force now, newest first. */
export async function listActiveBans({ limit, offset, now = new Date() }: Page & { now?: Date }): Promise<ActiveBanRow[]> {
  const { db, schema } = getDb();
  const { bans, users } = schema;
  const creator = alias(users, "creator");
  const rows = await db
    .select({
      id: bans.id,
      userId: bans.userId,
      displayName: users.displayName,
      name: users.name,
      reason: bans.reason,
      endsAt: bans.endsAt,
      createdAt: bans.createdAt,
      creatorId: creator.id,
      creatorDisplayName: creator.displayName,
      creatorName: creator.name,
    })
    .from(bans)
    .innerJoin(users, eq(users.id, bans.userId))
    .leftJoin(creator, eq(creator.id, bans.createdBy))
    .where(activeBanCondition(now))
    .orderBy(desc(bans.createdAt), desc(bans.id))
    .limit(clampLimit(limit))
    .offset(clampOffset(offset));
  return rows.map((row) => ({
    id: row.id,
    userId: row.userId,
    userName: publicName(row),
    reason: row.reason,
    endsAt: row.endsAt,
    createdAt: row.createdAt,
    createdByName:
      row.creatorId === null ? null : publicName({ displayName: row.creatorDisplayName, name: row.creatorName }),
  }));
}

export type ModerationLogRow = {
  id: number;
  actorName: string;
  action: ModerationAction;
  commentId: number | null;
  essayPath: string | null;
  targetUserId: string | null;
  /** The reader acted upon, while their account exists. */
  targetUserName: string | null;
  reason: string | null;
  createdAt: Date;
};

/** The moderation log, newest first. */
export async function listModerationLog({ limit, offset }: Page): Promise<ModerationLogRow[]> {
  const { db, schema } = getDb();
  const { moderationLog, users } = schema;
  const rows = await db
    .select({
      id: moderationLog.id,
      actorName: moderationLog.actorName,
      action: moderationLog.action,
      commentId: moderationLog.commentId,
      essayPath: moderationLog.essayPath,
      targetUserId: moderationLog.targetUserId,
      targetId: users.id,
      displayName: users.displayName,
      name: users.name,
      reason: moderationLog.reason,
      createdAt: moderationLog.createdAt,
    })
    .from(moderationLog)
    .leftJoin(users, eq(users.id, moderationLog.targetUserId))
    .orderBy(desc(moderationLog.createdAt), desc(moderationLog.id))
    .limit(clampLimit(limit))
    .offset(clampOffset(offset));
  return rows.map((row) => ({
    id: row.id,
    actorName: row.actorName,
    action: row.action as ModerationAction,
    commentId: row.commentId,
    essayPath: row.essayPath,
    targetUserId: row.targetUserId,
    targetUserName: row.targetId === null ? null : publicName(row),
    reason: row.reason,
    createdAt: row.createdAt,
  }));
}
