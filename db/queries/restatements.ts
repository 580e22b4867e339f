import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, withTransaction } from "@/db/client";
import { activeBanCondition, longestBanFirst } from "./moderation";

// The restatement check (issue 14, docs/decisions/041-the-restatement-check.md): the author of
// the comment a disagreeing reply answers says, once, whether the reply restated their view.

export type RestatementAnswerResult =
  | { ok: true; essayPath: string; parentId: number | null }
  | { ok: false; reason: "banned"; ban: { reason: string; endsAt: Date | null } }
  | { ok: false; reason: "not-found" | "not-shown" | "no-restatement" | "not-yours" | "already-answered" };

/**
 * Records the answer of the parent's author to a reply's restatement of their view. One
 * transaction: the reply is shown and carries a restatement, the answerer wrote the comment it
 * answers and is not banned, and nobody answered before (the write is conditional too, so two
 * answers at once leave the first).
 */
export async function answerRestatement({
  commentId,
  answererId,
  verdict,
  correction,
  now = new Date(),
}: {
  commentId: number;
  answererId: string;
  verdict: "confirmed" | "not-quite";
  correction: string | null;
  now?: Date;
}): Promise<RestatementAnswerResult> {
  const { bans, comments } = getDb().schema;
  const parent = alias(comments, "parent");
  return withTransaction(async (tx): Promise<RestatementAnswerResult> => {
    const [reply] = await tx
      .select({
        essayPath: comments.essayPath,
        parentId: comments.parentId,
        status: comments.status,
        deletedAt: comments.deletedAt,
        restatement: comments.restatement,
        answeredAt: comments.restatementAnsweredAt,
        parentAuthorId: parent.authorId,
      })
      .from(comments)
      .leftJoin(parent, eq(parent.id, comments.parentId))
      .where(eq(comments.id, commentId))
      .limit(1);
    if (!reply || reply.status === "pending") return { ok: false, reason: "not-found" };
    if (reply.status !== "published" || reply.deletedAt !== null) return { ok: false, reason: "not-shown" };
    if (reply.restatement === null) return { ok: false, reason: "no-restatement" };
    // Only the person whose view was restated may say whether it was.
    if (reply.parentAuthorId === null || reply.parentAuthorId !== answererId) return { ok: false, reason: "not-yours" };
    const [ban] = await tx
      .select({ reason: bans.reason, endsAt: bans.endsAt })
      .from(bans)
      .where(and(eq(bans.userId, answererId), activeBanCondition(now)))
      .orderBy(...longestBanFirst())
      .limit(1);
    if (ban) return { ok: false, reason: "banned", ban };
    if (reply.answeredAt !== null) return { ok: false, reason: "already-answered" };
    const [written] = await tx
      .update(comments)
      .set({ restatementVerdict: verdict, restatementCorrection: verdict === "not-quite" ? correction : null, restatementAnsweredAt: now })
      .where(and(eq(comments.id, commentId), isNull(comments.restatementAnsweredAt)))
      .returning({ id: comments.id });
    if (!written) return { ok: false, reason: "already-answered" };
    return { ok: true, essayPath: reply.essayPath, parentId: reply.parentId };
  });
}
