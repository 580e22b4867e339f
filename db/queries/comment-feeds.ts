import "server-only";
import { and, desc, eq, inArray, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { authorName } from "@/lib/auth/display-name";

/** A comment as a feed shows it: published and not deleted, author by name only. */
export type FeedComment = {
  id: number;
  essayPath: string;
  authorName: string;
  /** Sanitized when stored. */
  bodyHtml: string;
  createdAt: Date;
  editedAt: Date | null;
};

/**
 * The newest readable comments (published, not deleted; never pending or hidden ones), newest
 * first, with their authors' names, in one query. `essayPath`: one essay's comments;
 * `essayPaths`: only comments under these essays (the site-wide feed passes the essays that
 * show their comments, so drafts and essays with hidden comments stay out).
 */
export async function listRecentPublishedComments({
  essayPath,
  essayPaths,
  limit,
}: {
  essayPath?: string;
  essayPaths?: readonly string[];
  limit: number;
}): Promise<FeedComment[]> {
  if (!Number.isInteger(limit) || limit < 1) throw new RangeError("limit must be a whole number of at least 1");
  if (essayPaths && essayPaths.length === 0) return [];
  const { db, schema } = getDb();
  const { comments, users } = schema;
  const rows = await db
    .select({
      id: comments.id,
      essayPath: comments.essayPath,
      authorId: comments.authorId,
      storedAuthorName: comments.authorName,
      userDisplayName: users.displayName,
      userName: users.name,
      bodyHtml: comments.bodyHtml,
      createdAt: comments.createdAt,
      editedAt: comments.editedAt,
    })
    .from(comments)
    .leftJoin(users, eq(users.id, comments.authorId))
    .where(
      and(
        eq(comments.status, "published"),
        isNull(comments.deletedAt),
        essayPath === undefined ? undefined : eq(comments.essayPath, essayPath),
        essayPaths === undefined ? undefined : inArray(comments.essayPath, [...essayPaths]),
      ),
    )
    .orderBy(desc(comments.createdAt), desc(comments.id))
    .limit(limit);
  return rows.map((row) => ({
    id: row.id,
    essayPath: row.essayPath,
    authorName: authorName(row),
    bodyHtml: row.bodyHtml,
    createdAt: row.createdAt,
    editedAt: row.editedAt,
  }));
}
