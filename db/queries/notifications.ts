import "server-only";
import { and, eq, gt, inArray, isNotNull, isNull, ne, notExists, or, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, type Db } from "@/db/client";
import { authorName } from "@/lib/auth/display-name";
import { columnPlaceholder, prepared } from "@/db/prepared";
import { conversationIds } from "./conversations";

// Who gets e-mail about a comment. Each lookup is ONE query whatever the number of
// recipients. The e-mail addresses returned here go into the outbox only
// (lib/notifications/queue-notifications.ts), never to a page.

/** A comment as a notification describes it. The author's name only: never their e-mail. */
export type CommentForNotification = {
  id: number;
  essayPath: string;
  parentId: number | null;
  /** Who wrote the comment replied to (null for a top-level comment or a former reader). */
  parentAuthorId: string | null;
  authorId: string | null;
  authorName: string;
  /** Markdown as written, for the plain-text part. */
  body: string;
  /** Sanitized at write time, for the HTML part. */
  bodyHtml: string;
  status: "published" | "pending" | "hidden";
  deleted: boolean;
  createdAt: Date;
};

export type MailRecipient = { userId: string; email: string };
export type ReplyRecipient = MailRecipient & {
  /** "reply": wrote the comment replied to; "thread": notify = threads and took part in the conversation. */
  reason: "reply" | "thread";
};

/** One comment with its author's name and its parent's author, in one query. */
export async function getCommentForNotification({ commentId, tx }: { commentId: number; tx?: Db }): Promise<CommentForNotification | undefined> {
  const [row] = await commentForNotificationQuery(tx ?? getDb().db).execute({ commentId });
  if (!row) return undefined;
  return {
    id: row.id,
    essayPath: row.essayPath,
    parentId: row.parentId,
    parentAuthorId: row.parentAuthorId ?? null,
    authorId: row.authorId,
    authorName: authorName(row),
    body: row.body,
    bodyHtml: row.bodyHtml,
    status: row.status,
    deleted: row.deletedAt !== null,
    createdAt: row.createdAt,
  };
}

// Prepared once per db (db/prepared.ts): every published reply runs this and the recipients'
// query right after it is stored (docs/decisions/015-fast-comment-posting.md). Placeholder: commentId.
function commentForNotificationQuery(db: Db) {
  return prepared(db, "getCommentForNotification", (db) => {
    const { comments, users } = getDb().schema;
    const parent = alias(comments, "parent");
    return db
      .select({
        id: comments.id,
        essayPath: comments.essayPath,
        parentId: comments.parentId,
        parentAuthorId: parent.authorId,
        authorId: comments.authorId,
        storedAuthorName: comments.authorName,
        userDisplayName: users.displayName,
        userName: users.name,
        body: comments.body,
        bodyHtml: comments.bodyHtml,
        status: comments.status,
        deletedAt: comments.deletedAt,
        createdAt: comments.createdAt,
      })
      .from(comments)
      .leftJoin(users, eq(users.id, comments.authorId))
      .leftJoin(parent, eq(parent.id, comments.parentId))
      .where(eq(comments.id, sql.placeholder("commentId")))
      .limit(1);
  });
}

/**
 * Who gets e-mail about a published reply, in one query:
 *  - the parent comment's author, with notify "replies" or "threads" ("reply");
 *  - readers with notify "threads" who wrote a comment (not deleted, not hidden) anywhere in the
 *    same conversation ("thread");
 * never the reply's own author, nobody under an active ban, nobody without an e-mail address.
 * The caller has checked that the reply itself is published and not deleted.
 */
export async function listReplyRecipients({
  commentId,
  authorId,
  parentAuthorId,
  now = new Date(),
  tx,
}: {
  commentId: number;
  /** The reply's author. */
  authorId: string | null;
  parentAuthorId: string | null;
  now?: Date;
  tx?: Db;
}): Promise<ReplyRecipient[]> {
  const query = replyRecipientsQuery(tx ?? getDb().db, { withAuthor: authorId !== null, withParentAuthor: parentAuthorId !== null });
  const rows = await query.execute({ commentId, authorId, parentAuthorId, now });
  return rows.flatMap((row) =>
    row.email ? [{ userId: row.userId, email: row.email, reason: row.userId === parentAuthorId ? "reply" : "thread" } as const] : [],
  );
}

/**
 * listReplyRecipients' query, prepared once per db and shape (a former reader's reply has no
 * author to leave out; a reply to one has no parent author to tell). Placeholders: commentId,
 * authorId, parentAuthorId, now (a Date, compared like bans.ends_at).
 */
function replyRecipientsQuery(db: Db, shape: { withAuthor: boolean; withParentAuthor: boolean }) {
  const key = `listReplyRecipients:${shape.withAuthor ? "author" : "-"}:${shape.withParentAuthor ? "parent" : "-"}`;
  return prepared(db, key, (db) => {
    const { bans, comments, users } = getDb().schema;
    const commentId = sql.placeholder("commentId");
    const activeBan = db
      .select({ id: bans.id })
      .from(bans)
      .where(and(eq(bans.userId, users.id), isNull(bans.liftedAt), or(isNull(bans.endsAt), gt(bans.endsAt, columnPlaceholder("now", bans.endsAt)))));
    const participants = db
      .select({ id: comments.authorId })
      .from(comments)
      .where(
        and(
          inArray(comments.id, conversationIds(commentId)),
          ne(comments.id, commentId),
          isNotNull(comments.authorId),
          isNull(comments.deletedAt),
          ne(comments.status, "hidden"),
        ),
      );
    return db
      .select({ userId: users.id, email: users.email })
      .from(users)
      .where(
        and(
          isNotNull(users.email),
          shape.withAuthor ? ne(users.id, sql.placeholder("authorId")) : undefined,
          notExists(activeBan),
          or(
            shape.withParentAuthor ? and(eq(users.id, sql.placeholder("parentAuthorId")), inArray(users.notify, ["replies", "threads"])) : undefined,
            and(eq(users.notify, "threads"), inArray(users.id, participants)),
          ),
        ),
      );
  });
}

/**
 * Moderators: users whose verified e-mail is in `adminEmails` (env.ADMIN_EMAILS, already
 * lower-cased), compared lower-cased. An unverified address proves nothing, so it gets nothing.
 */
export async function listModeratorRecipients({ adminEmails, tx }: { adminEmails: readonly string[]; tx?: Db }): Promise<MailRecipient[]> {
  if (adminEmails.length === 0) return [];
  const { db, schema } = getDb();
  const { users } = schema;
  const rows = await (tx ?? db)
    .select({ userId: users.id, email: users.email })
    .from(users)
    .where(
      and(
        isNotNull(users.emailVerified),
        inArray(
          sql`lower(${users.email})`,
          adminEmails.map((address) => address.toLowerCase()),
        ),
      ),
    );
  return rows.flatMap((row) => (row.email ? [{ userId: row.userId, email: row.email }] : []));
}

/**
 * A Δ's recipient, if they get e-mail about it: notify is not "never", they have an address and
 * no active ban. One query.
 */
export async function getDeltaRecipient({ userId, now = new Date(), tx }: { userId: string; now?: Date; tx?: Db }): Promise<MailRecipient | undefined> {
  const [row] = await deltaRecipientQuery(tx ?? getDb().db).execute({ userId, now });
  return row?.email ? { userId: row.userId, email: row.email } : undefined;
}

/** getDeltaRecipient's query, prepared once per db: it runs inside every Δ. Placeholders: userId, now (a Date). */
function deltaRecipientQuery(db: Db) {
  return prepared(db, "getDeltaRecipient", (db) => {
    const { bans, users } = getDb().schema;
    const activeBan = db
      .select({ id: bans.id })
      .from(bans)
      .where(and(eq(bans.userId, users.id), isNull(bans.liftedAt), or(isNull(bans.endsAt), gt(bans.endsAt, columnPlaceholder("now", bans.endsAt)))));
    return db
      .select({ userId: users.id, email: users.email })
      .from(users)
      .where(and(eq(users.id, sql.placeholder("userId")), isNotNull(users.email), ne(users.notify, "never"), notExists(activeBan)))
      .limit(1);
  });
}
