// SQLite schema. db/schema/pg.ts mirrors it table for table, with the same table
// names, column names and TypeScript property names, so the queries in db/queries
// run unchanged on both (docs/decisions/002-one-query-layer-two-dialects.md).
// Timestamps are integer milliseconds read back as JS Date, like PG's timestamptz.
import { sql } from "drizzle-orm";
import { check, index, integer, primaryKey, sqliteTable, text, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import type { AdapterAccountType } from "next-auth/adapters";

const now = sql`(cast(unixepoch('subsec') * 1000 as integer))`;

// ── Auth.js (@auth/drizzle-adapter 1.11.3), plus the app's own user columns ──

export const users = sqliteTable("users", {
  id: text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  name: text("name"),
  email: text("email").unique(),
  emailVerified: integer("email_verified", { mode: "timestamp_ms" }),
  image: text("image"),
  // null means "derive from name or e-mail local part" (db/queries/users.ts).
  displayName: text("display_name"),
  createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
});
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export const accounts = sqliteTable(
  "accounts",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    type: text("type").$type<AdapterAccountType>().notNull(),
    provider: text("provider").notNull(),
    providerAccountId: text("provider_account_id").notNull(),
    refresh_token: text("refresh_token"),
    access_token: text("access_token"),
    expires_at: integer("expires_at"),
    token_type: text("token_type"),
    scope: text("scope"),
    id_token: text("id_token"),
    session_state: text("session_state"),
  },
  (table) => [
    primaryKey({ columns: [table.provider, table.providerAccountId] }),
    index("accounts_user_id_idx").on(table.userId),
  ],
);
export type Account = typeof accounts.$inferSelect;

export const sessions = sqliteTable(
  "sessions",
  {
    sessionToken: text("session_token").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expires: integer("expires", { mode: "timestamp_ms" }).notNull(),
  },
  (table) => [index("sessions_user_id_idx").on(table.userId)],
);
export type Session = typeof sessions.$inferSelect;

export const verificationTokens = sqliteTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: integer("expires", { mode: "timestamp_ms" }).notNull(),
  },
  (table) => [primaryKey({ columns: [table.identifier, table.token] })],
);
export type VerificationToken = typeof verificationTokens.$inferSelect;

// ── Rate limiting, shared by every instance through the database ──

export const rateLimitHits = sqliteTable(
  "rate_limit_hits",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    // What is limited ("sign-in-email", "comment") and for whom (an address, a user id).
    bucket: text("bucket").notNull(),
    key: text("key").notNull(),
    at: integer("at", { mode: "timestamp_ms" }).notNull(),
  },
  (table) => [index("rate_limit_hits_bucket_key_at_idx").on(table.bucket, table.key, table.at)],
);
export type RateLimitHit = typeof rateLimitHits.$inferSelect;

// ── Comments: stored flat (parentId), built into a thread by lib/comments/build-tree.ts ──
// See docs/decisions/008-comment-storage.md.

export const comments = sqliteTable(
  "comments",
  {
    // Appears in permalinks (#comment-<id>), so it is a small integer, never reused.
    id: integer("id").primaryKey({ autoIncrement: true }),
    // The essay's address, e.g. /leftlibertarian/08/23/slug.
    essayPath: text("essay_path").notNull(),
    // No ON DELETE: comments are deleted softly, so a parent with replies is never removed.
    parentId: integer("parent_id").references((): AnySQLiteColumn => comments.id),
    authorId: text("author_id").references(() => users.id, { onDelete: "set null" }),
    // Shown when there is no user row: imported authors, and readers whose account is gone.
    authorName: text("author_name"),
    // Markdown as the reader wrote it, and its sanitized HTML rendered at write time.
    body: text("body").notNull(),
    bodyHtml: text("body_html").notNull(),
    renderVersion: integer("render_version").notNull().default(1),
    // published; pending = held for moderation; hidden = removed by a moderator.
    status: text("status", { enum: ["published", "pending", "hidden"] })
      .notNull()
      .default("published"),
    moderationReason: text("moderation_reason"),
    deletedAt: integer("deleted_at", { mode: "timestamp_ms" }),
    editedAt: integer("edited_at", { mode: "timestamp_ms" }),
    createdAt: integer("created_at", { mode: "timestamp_ms" }).notNull().default(now),
  },
  (table) => [
    index("comments_essay_path_created_at_idx").on(table.essayPath, table.createdAt),
    index("comments_author_id_created_at_idx").on(table.authorId, table.createdAt),
    index("comments_parent_id_idx").on(table.parentId),
    // Unqualified column name: SQLite rebuilds a table under a temporary name to alter it,
    // and a CHECK naming "comments"."status" would no longer compile there.
    check("comments_status_check", sql`${sql.identifier("status")} in ('published', 'pending', 'hidden')`),
  ],
);
export type Comment = typeof comments.$inferSelect;
export type NewComment = typeof comments.$inferInsert;
export type CommentStatus = Comment["status"];

// Every edit keeps the version it replaced: nothing a reader wrote is lost by an edit.
export const commentRevisions = sqliteTable(
  "comment_revisions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    commentId: integer("comment_id")
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    bodyHtml: text("body_html").notNull(),
    // When the replaced version was written (the comment's creation or its previous edit).
    writtenAt: integer("written_at", { mode: "timestamp_ms" }).notNull(),
    replacedAt: integer("replaced_at", { mode: "timestamp_ms" }).notNull(),
  },
  (table) => [index("comment_revisions_comment_id_idx").on(table.commentId)],
);
export type CommentRevision = typeof commentRevisions.$inferSelect;

// ── Cache tag invalidations shared by every instance (read and written with raw SQL) ──

export const cacheTagEvents = sqliteTable(
  "cache_tag_events",
  {
    tag: text("tag").primaryKey(),
    // Epoch milliseconds as plain numbers (not Dates): the cache handler compares them to Date.now().
    staleAt: integer("stale_at", { mode: "number" }),
    expiredAt: integer("expired_at", { mode: "number" }),
    // Increases with every change, so an instance can ask for "everything after the last seq I saw".
    seq: integer("seq", { mode: "number" }).notNull(),
  },
  (table) => [index("cache_tag_events_seq_idx").on(table.seq)],
);
export type CacheTagEvent = typeof cacheTagEvents.$inferSelect;
