import "server-only";
import { and, eq, isNull, sql } from "drizzle-orm";
import { alias } from "drizzle-orm/pg-core";
import { getDb, withTransaction, type Db } from "@/db/client";
import { columnPlaceholder, prepared } from "@/db/prepared";
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
  return withTransaction(async (tx): Promise<RestatementAnswerResult> => {
    const statements = answerStatements(tx);
    const [reply] = await statements.reply.execute({ commentId });
    if (!reply || reply.status === "pending") return { ok: false, reason: "not-found" };
    if (reply.status !== "published" || reply.deletedAt !== null) return { ok: false, reason: "not-shown" };
    if (reply.restatement === null) return { ok: false, reason: "no-restatement" };
    // Only the person whose view was restated may say whether it was.
    if (reply.parentAuthorId === null || reply.parentAuthorId !== answererId) return { ok: false, reason: "not-yours" };
    const [ban] = await statements.longestActiveBan.execute({ userId: answererId, now });
    if (ban) return { ok: false, reason: "banned", ban };
    if (reply.answeredAt !== null) return { ok: false, reason: "already-answered" };
    const [written] = await statements.answer.execute({ commentId, verdict, correction: verdict === "not-quite" ? correction : null, now });
    if (!written) return { ok: false, reason: "already-answered" };
    return { ok: true, essayPath: reply.essayPath, parentId: reply.parentId };
  });
}

/**
 * answerRestatement's three statements, prepared once per db (db/prepared.ts): an answer is
 * written at the speed of a vote (issue 14's budget). Placeholders: commentId; userId, now (a
 * Date); commentId, verdict, correction, now.
 */
function answerStatements(db: Db) {
  const { bans, comments } = getDb().schema;
  const reply = prepared(db, "answerRestatement:reply", (db) => {
    const parent = alias(comments, "parent");
    return db
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
      .where(eq(comments.id, sql.placeholder("commentId")))
      .limit(1);
  });
  const longestActiveBan = prepared(db, "answerRestatement:ban", (db) =>
    db
      .select({ reason: bans.reason, endsAt: bans.endsAt })
      .from(bans)
      .where(and(eq(bans.userId, sql.placeholder("userId")), activeBanCondition(columnPlaceholder("now", bans.endsAt))))
      .orderBy(...longestBanFirst())
      .limit(1),
  );
  // Conditional: of two answers at once, the first stays.
  const answer = prepared(db, "answerRestatement:answer", (db) =>
    db
      .update(comments)
      // sql`…` around each placeholder: set() takes values or SQL; the Date is still encoded by its column.
      .set({ restatementVerdict: sql`${sql.placeholder("verdict")}`, restatementCorrection: sql`${sql.placeholder("correction")}`, restatementAnsweredAt: sql`${columnPlaceholder("now", comments.restatementAnsweredAt)}` })
      .where(and(eq(comments.id, sql.placeholder("commentId")), isNull(comments.restatementAnsweredAt)))
      .returning({ id: comments.id }),
  );
  return { reply, longestActiveBan, answer };
}
