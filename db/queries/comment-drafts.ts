import "server-only";
import { eq, gt, and, lte } from "drizzle-orm";
import { getDb } from "@/db/client";

export type StoredDraft = { essayPath: string; parentId: number | null; body: string };

/** Keeps a draft until `expiresAt`; drafts already expired are deleted on the way, which bounds the table. */
export async function insertCommentDraft({ token, expiresAt, now = new Date(), ...draft }: StoredDraft & { token: string; expiresAt: Date; now?: Date }) {
  const { db, schema } = getDb();
  const { commentDrafts } = schema;
  await db.delete(commentDrafts).where(lte(commentDrafts.expiresAt, now));
  await db.insert(commentDrafts).values({ token, expiresAt, ...draft });
}

/** The draft behind `token`, unless it has expired. */
export async function getCommentDraftByToken({ token, now = new Date() }: { token: string; now?: Date }): Promise<StoredDraft | undefined> {
  const { db, schema } = getDb();
  const { commentDrafts } = schema;
  const [row] = await db
    .select({ essayPath: commentDrafts.essayPath, parentId: commentDrafts.parentId, body: commentDrafts.body })
    .from(commentDrafts)
    .where(and(eq(commentDrafts.token, token), gt(commentDrafts.expiresAt, now)))
    .limit(1);
  return row;
}
