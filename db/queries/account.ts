import "server-only";
import { and, asc, eq, inArray, isNull, sql } from "drizzle-orm";
import { getDb, withTransaction } from "@/db/client";
import { publicName } from "@/lib/auth/display-name";

// What a reader can take with them and what leaving removes:
// docs/decisions/013-owning-your-words.md.

export type ReaderExport = {
  profile: {
    id: string;
    /** The name other readers see beside the reader's comments. */
    displayName: string;
    /** The name the reader chose on this site, if any (else the provider's name is used). */
    chosenDisplayName: string | null;
    /** The name the sign-in provider gave. */
    name: string | null;
    email: string | null;
    emailVerified: Date | null;
    image: string | null;
    notify: "replies" | "threads" | "never";
    createdAt: Date;
  };
  comments: {
    id: number;
    essayPath: string;
    parentId: number | null;
    /** Markdown as the reader wrote it (its latest version). */
    body: string;
    status: "published" | "pending" | "hidden";
    moderationReason: string | null;
    createdAt: Date;
    editedAt: Date | null;
    deletedAt: Date | null;
    /** Earlier versions, oldest first. */
    revisions: { body: string; writtenAt: Date; replacedAt: Date }[];
    /** Set while the reader has it retracted, with their note and the comment that changed their mind. */
    retractedAt: Date | null;
    retractionNote: string | null;
    retractionCauseId: number | null;
    /** Every retraction and undo, oldest first. */
    retractions: { action: "retract" | "undo"; note: string | null; causeCommentId: number | null; at: Date }[];
    /** A reply marked as disagreeing, its restatement of the view it answers, and that view's author's answer. */
    disagrees: boolean;
    restatement: string | null;
    restatementVerdict: "confirmed" | "not-quite" | null;
    restatementCorrection: string | null;
    restatementAnsweredAt: Date | null;
  }[];
  reports: {
    id: number;
    commentId: number;
    reason: string;
    createdAt: Date;
    resolvedAt: Date | null;
    resolution: string | null;
  }[];
  /** The reader's votes on comments (db/queries/votes.ts), whoever wrote the comment. */
  votes: {
    commentId: number;
    essayPath: string;
    axis: "value" | "stance";
    value: string;
    reason: string | null;
    createdAt: Date;
    updatedAt: Date;
  }[];
  /** The Δs "changed my mind" the reader awarded, with what they wrote, and any moderator's removal. */
  deltasGiven: { id: number; commentId: number; essayPath: string; explanation: string; createdAt: Date; removedAt: Date | null; removalReason: string | null }[];
  /** The Δs the reader's comments received, as the public sees them (a removed one without its words). */
  deltasReceived: { id: number; commentId: number; essayPath: string; explanation: string | null; createdAt: Date; removedAt: Date | null; removalReason: string | null }[];
};

/**
 * Everything one reader wrote here, for their own download: profile (with their e-mail,
 * which is theirs), every comment in any state with its earlier versions, the reports
 * they filed and their votes. One query per table, whatever the number of comments. The caller passes the
 * signed-in reader's own id. Undefined when the user does not exist.
 */
export async function getReaderExport({ userId }: { userId: string }): Promise<ReaderExport | undefined> {
  const { db, schema } = getDb();
  const { users, comments, commentRevisions, commentRetractions, reports, commentVotes, commentDeltas } = schema;
  const deltaFields = {
    id: commentDeltas.id,
    commentId: commentDeltas.commentId,
    essayPath: commentDeltas.essayPath,
    createdAt: commentDeltas.createdAt,
    removedAt: commentDeltas.removedAt,
    removalReason: commentDeltas.removalReason,
  };
  const [userRows, commentRows, revisionRows, retractionRows, reportRows, voteRows, givenRows, receivedRows] = await Promise.all([
    db
      .select({
        id: users.id,
        chosenDisplayName: users.displayName,
        name: users.name,
        email: users.email,
        emailVerified: users.emailVerified,
        image: users.image,
        notify: users.notify,
        createdAt: users.createdAt,
      })
      .from(users)
      .where(eq(users.id, userId))
      .limit(1),
    db
      .select({
        id: comments.id,
        essayPath: comments.essayPath,
        parentId: comments.parentId,
        body: comments.body,
        status: comments.status,
        moderationReason: comments.moderationReason,
        createdAt: comments.createdAt,
        editedAt: comments.editedAt,
        deletedAt: comments.deletedAt,
        retractedAt: comments.retractedAt,
        retractionNote: comments.retractionNote,
        retractionCauseId: comments.retractionCauseId,
        disagrees: comments.disagrees,
        restatement: comments.restatement,
        restatementVerdict: comments.restatementVerdict,
        restatementCorrection: comments.restatementCorrection,
        restatementAnsweredAt: comments.restatementAnsweredAt,
      })
      .from(comments)
      .where(eq(comments.authorId, userId))
      .orderBy(asc(comments.createdAt), asc(comments.id)),
    db
      .select({
        commentId: commentRevisions.commentId,
        body: commentRevisions.body,
        writtenAt: commentRevisions.writtenAt,
        replacedAt: commentRevisions.replacedAt,
      })
      .from(commentRevisions)
      .innerJoin(comments, eq(comments.id, commentRevisions.commentId))
      .where(eq(comments.authorId, userId))
      .orderBy(asc(commentRevisions.replacedAt), asc(commentRevisions.id)),
    db
      .select({
        commentId: commentRetractions.commentId,
        action: commentRetractions.action,
        note: commentRetractions.note,
        causeCommentId: commentRetractions.causeCommentId,
        at: commentRetractions.at,
      })
      .from(commentRetractions)
      .innerJoin(comments, eq(comments.id, commentRetractions.commentId))
      .where(eq(comments.authorId, userId))
      .orderBy(asc(commentRetractions.at), asc(commentRetractions.id)),
    db
      .select({
        id: reports.id,
        commentId: reports.commentId,
        reason: reports.reason,
        createdAt: reports.createdAt,
        resolvedAt: reports.resolvedAt,
        resolution: reports.resolution,
      })
      .from(reports)
      .where(eq(reports.reporterId, userId))
      .orderBy(asc(reports.createdAt), asc(reports.id)),
    db
      .select({
        commentId: commentVotes.commentId,
        essayPath: comments.essayPath,
        axis: commentVotes.axis,
        value: commentVotes.value,
        reason: commentVotes.reason,
        createdAt: commentVotes.createdAt,
        updatedAt: commentVotes.updatedAt,
      })
      .from(commentVotes)
      .innerJoin(comments, eq(comments.id, commentVotes.commentId))
      .where(eq(commentVotes.voterId, userId))
      .orderBy(asc(commentVotes.createdAt), asc(commentVotes.id)),
    db
      .select({ ...deltaFields, explanation: commentDeltas.explanation })
      .from(commentDeltas)
      .where(eq(commentDeltas.giverId, userId))
      .orderBy(asc(commentDeltas.createdAt), asc(commentDeltas.id)),
    db
      .select({ ...deltaFields, explanation: sql<string | null>`case when ${commentDeltas.removedAt} is null then ${commentDeltas.explanation} end` })
      .from(commentDeltas)
      .where(eq(commentDeltas.recipientId, userId))
      .orderBy(asc(commentDeltas.createdAt), asc(commentDeltas.id)),
  ]);
  const [user] = userRows;
  if (!user) return undefined;

  const revisionsByComment = new Map<number, ReaderExport["comments"][number]["revisions"]>();
  for (const { commentId, ...revision } of revisionRows) {
    const list = revisionsByComment.get(commentId);
    if (list) list.push(revision);
    else revisionsByComment.set(commentId, [revision]);
  }
  const retractionsByComment = new Map<number, ReaderExport["comments"][number]["retractions"]>();
  for (const { commentId, ...retraction } of retractionRows) {
    const list = retractionsByComment.get(commentId);
    if (list) list.push(retraction);
    else retractionsByComment.set(commentId, [retraction]);
  }
  return {
    profile: {
      id: user.id,
      displayName: publicName({ displayName: user.chosenDisplayName, name: user.name }),
      chosenDisplayName: user.chosenDisplayName,
      name: user.name,
      email: user.email,
      emailVerified: user.emailVerified,
      image: user.image,
      notify: user.notify,
      createdAt: user.createdAt,
    },
    comments: commentRows.map((comment) => ({
      ...comment,
      revisions: revisionsByComment.get(comment.id) ?? [],
      retractions: retractionsByComment.get(comment.id) ?? [],
    })),
    reports: reportRows,
    votes: voteRows,
    deltasGiven: givenRows,
    deltasReceived: receivedRows.map((row) => ({ ...row, explanation: row.explanation ?? null })),
  };
}

export type DeleteAccountResult =
  | {
      ok: true;
      /** Essays whose threads showed this reader's comments: the caller refreshes their cache tags. */
      essayPaths: string[];
      /** Comments that stay as "a former reader" (kept) or as empty tombstones (deleted). */
      comments: number;
    }
  | { ok: false; reason: "not-found" };

/**
 * Deletes a reader's account in one transaction. The caller passes the signed-in reader's own
 * id: nobody else's account can be named here.
 *  - the users row goes, and with it (foreign keys) their sessions, sign-in accounts, the bans
 *    against them and the reports they filed; their votes on comments, the Δs they gave, sign-in tokens, rate-limit entries and queued
 *    e-mail addressed to them are deleted too;
 *  - deleteComments false: their comments stay in their threads, authorless, shown as
 *    "a former reader" (earlier versions stay, as for any comment);
 *  - deleteComments true: their comments' text is purged (body and HTML emptied, earlier
 *    versions deleted, marked deleted) while the rows stay, so replies keep their place
 *    below a tombstone.
 * Serialised with this author's comment posts (insertComment's lock key), so a comment posted
 * at the same moment either lands first and is handled here, or fails on the missing user.
 */
export async function deleteAccount({
  userId,
  deleteComments,
  now = new Date(),
}: {
  userId: string;
  deleteComments: boolean;
  now?: Date;
}): Promise<DeleteAccountResult> {
  const { users, comments, commentRevisions, commentRetractions, commentVotes, commentDeltas, verificationTokens, rateLimitHits, outbox } = getDb().schema;

  return withTransaction(
    async (tx): Promise<DeleteAccountResult> => {
      const [user] = await tx.select({ email: users.email }).from(users).where(eq(users.id, userId)).limit(1);
      if (!user) return { ok: false, reason: "not-found" };

      const written = await tx.select({ id: comments.id, essayPath: comments.essayPath }).from(comments).where(eq(comments.authorId, userId));
      const byAuthor = eq(comments.authorId, userId);
      if (deleteComments) {
        // Their answers to restatements of their views sit on others' replies: their words too.
        await tx
          .update(comments)
          .set({ restatementCorrection: null })
          .where(inArray(comments.parentId, tx.select({ id: comments.id }).from(comments).where(byAuthor)));
        await tx
          .delete(commentRevisions)
          .where(inArray(commentRevisions.commentId, tx.select({ id: comments.id }).from(comments).where(byAuthor)));
        // A retraction's notes are the reader's words too.
        await tx
          .delete(commentRetractions)
          .where(inArray(commentRetractions.commentId, tx.select({ id: comments.id }).from(comments).where(byAuthor)));
        // Keeps the first deletion time of comments the reader had already deleted.
        await tx.update(comments).set({ deletedAt: now }).where(and(byAuthor, isNull(comments.deletedAt)));
        await tx
          .update(comments)
          .set({ body: "", bodyHtml: "", authorId: null, authorName: null, retractedAt: null, retractionNote: null, retractionCauseId: null, restatement: null, restatementCorrection: null })
          .where(byAuthor);
      } else {
        // authorId would become null through ON DELETE SET NULL; authorName is cleared so the
        // thread shows "a former reader" rather than any name stored with the comment.
        await tx.update(comments).set({ authorId: null, authorName: null }).where(byAuthor);
      }

      // The foreign key would cascade too; named here so that what leaving removes reads in one place.
      await tx.delete(commentVotes).where(eq(commentVotes.voterId, userId));
      // The Δs they gave are their words and go; those they received stay with the giver's words,
      // on a comment now by "a former reader" (not shown at all if its text was erased).
      await tx.delete(commentDeltas).where(eq(commentDeltas.giverId, userId));
      await tx.update(commentDeltas).set({ recipientId: null }).where(eq(commentDeltas.recipientId, userId));
      await tx.delete(users).where(eq(users.id, userId));
      const keys = [userId];
      if (user.email !== null) {
        const addresses = [...new Set([user.email, user.email.toLowerCase()])];
        keys.push(...addresses);
        await tx.delete(verificationTokens).where(inArray(verificationTokens.identifier, addresses));
        await tx.delete(outbox).where(inArray(outbox.toAddress, addresses));
      }
      // Sign-in limits are keyed by address; old entries are otherwise only pruned by the next sign-in.
      await tx.delete(rateLimitHits).where(inArray(rateLimitHits.key, keys));

      const essayPaths = [...new Set(written.map((row) => row.essayPath))].sort();
      return { ok: true, essayPaths, comments: written.length };
    },
    { lockKey: `comments:author:${userId}` },
  );
}
