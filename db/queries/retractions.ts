import "server-only";
import { and, asc, eq } from "drizzle-orm";
import { getDb, withTransaction } from "@/db/client";
import { activeBanCondition, longestBanFirst } from "./moderation";

// Retracting one's own comment (issue 14, docs/decisions/039-retracting-a-comment.md): the
// comment row holds the current state, comment_retractions every retraction and undo.

export type RetractionRefusal =
  | { ok: false; reason: "banned"; ban: { reason: string; endsAt: Date | null } }
  | { ok: false; reason: "not-found" | "not-author" | "deleted" | "hidden" | "already-retracted" | "not-retracted" }
  | { ok: false; reason: "cause-not-found" | "cause-is-itself" | "cause-elsewhere" };

export type RetractionResult = { ok: true; essayPath: string; parentId: number | null } | RetractionRefusal;

/** One entry of a comment's history of retractions, oldest first. */
export type RetractionEntry = { action: "retract" | "undo"; note: string | null; causeCommentId: number | null; at: Date };

/**
 * Retracts (`retract: true`) or undoes the retraction of the author's comment, and records it.
 * `causeCommentId`, when given, must be another shown comment under the same essay. One
 * transaction: the state and its history never disagree.
 */
export async function setCommentRetraction({
  id,
  authorId,
  retract,
  note = null,
  causeCommentId = null,
  now = new Date(),
}: {
  id: number;
  authorId: string;
  retract: boolean;
  note?: string | null;
  causeCommentId?: number | null;
  now?: Date;
}): Promise<RetractionResult> {
  const { bans, comments, commentRetractions } = getDb().schema;
  return withTransaction(
    async (tx): Promise<RetractionResult> => {
      const [ban] = await tx
        .select({ reason: bans.reason, endsAt: bans.endsAt })
        .from(bans)
        .where(and(eq(bans.userId, authorId), activeBanCondition(now)))
        .orderBy(...longestBanFirst())
        .limit(1);
      if (ban) return { ok: false, reason: "banned", ban };
      const [current] = await tx
        .select({ authorId: comments.authorId, essayPath: comments.essayPath, parentId: comments.parentId, status: comments.status, deletedAt: comments.deletedAt, retractedAt: comments.retractedAt })
        .from(comments)
        .where(eq(comments.id, id))
        .limit(1);
      if (!current) return { ok: false, reason: "not-found" };
      if (current.authorId === null || current.authorId !== authorId) return { ok: false, reason: "not-author" };
      if (current.deletedAt !== null) return { ok: false, reason: "deleted" };
      if (current.status !== "published") return { ok: false, reason: "hidden" };
      if (retract && current.retractedAt !== null) return { ok: false, reason: "already-retracted" };
      if (!retract && current.retractedAt === null) return { ok: false, reason: "not-retracted" };

      if (retract && causeCommentId !== null) {
        if (causeCommentId === id) return { ok: false, reason: "cause-is-itself" };
        const [cause] = await tx
          .select({ essayPath: comments.essayPath, status: comments.status, deletedAt: comments.deletedAt })
          .from(comments)
          .where(eq(comments.id, causeCommentId))
          .limit(1);
        if (!cause || cause.status !== "published" || cause.deletedAt !== null) return { ok: false, reason: "cause-not-found" };
        if (cause.essayPath !== current.essayPath) return { ok: false, reason: "cause-elsewhere" };
      }

      const state = retract
        ? { retractedAt: now, retractionNote: note, retractionCauseId: causeCommentId }
        : { retractedAt: null, retractionNote: null, retractionCauseId: null };
      await tx.update(comments).set(state).where(eq(comments.id, id));
      await tx.insert(commentRetractions).values({
        commentId: id,
        action: retract ? "retract" : "undo",
        note: retract ? note : null,
        causeCommentId: retract ? causeCommentId : null,
        at: now,
      });
      return { ok: true, essayPath: current.essayPath, parentId: current.parentId };
    },
    // A retraction and an undo at once must not leave the row and its history disagreeing.
    { lockKey: `comments:retract:${id}` },
  );
}

/** Every retraction and undo of a comment, oldest first. */
export async function getRetractionHistory({ commentId }: { commentId: number }): Promise<RetractionEntry[]> {
  const { db, schema } = getDb();
  const { commentRetractions } = schema;
  return db
    .select({ action: commentRetractions.action, note: commentRetractions.note, causeCommentId: commentRetractions.causeCommentId, at: commentRetractions.at })
    .from(commentRetractions)
    .where(eq(commentRetractions.commentId, commentId))
    .orderBy(asc(commentRetractions.at), asc(commentRetractions.id));
}
