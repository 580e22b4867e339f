// PostgreSQL schema: the mirror of db/schema/sqlite.ts (same table names, column
// names and property names; see docs/decisions/002-one-query-layer-two-dialects.md).
// Timestamps are timestamptz read back as JS Date.
import { sql } from "drizzle-orm";
import { bigint, boolean, check, index, integer, pgTable, primaryKey, text, timestamp, uniqueIndex, type AnyPgColumn } from "drizzle-orm/pg-core";
import type { AdapterAccountType } from "next-auth/adapters";

const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: "date" });

// ── Auth.js (@auth/drizzle-adapter 1.11.3), plus the app's own user columns ──

export const users = pgTable("users", {
  id: text("id")
    .primaryKey()
    .$defaultFn(() => crypto.randomUUID()),
  name: text("name"),
  email: text("email").unique(),
  emailVerified: timestamptz("email_verified"),
  image: text("image"),
  // The name other readers see; null means the provider's name, else "Reader" (publicName in
  // lib/auth/display-name.ts). Never derived from the e-mail address.
  displayName: text("display_name"),
  // When the reader saw and accepted their public name (first sign-in, or the profile). Until
  // then nothing they write is posted (docs/decisions/030-choosing-a-public-name.md); rows from
  // before this column are null, so those readers are asked once.
  nameConfirmedAt: timestamptz("name_confirmed_at"),
  // Pre-moderation (COMMENTS_MODERATION=first): set when a moderator first approves one of the
  // reader's comments; later comments go straight up.
  commentsApprovedAt: timestamptz("comments_approved_at"),
  // E-mail about conversations: replies (default), threads (replies and new comments in threads
  // the reader took part in), or never.
  notify: text("notify", { enum: ["replies", "threads", "never"] }).notNull().default("replies"),
  createdAt: timestamptz("created_at").notNull().defaultNow(),
});
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;

export const accounts = pgTable(
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

export const sessions = pgTable(
  "sessions",
  {
    sessionToken: text("session_token").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    expires: timestamptz("expires").notNull(),
  },
  (table) => [index("sessions_user_id_idx").on(table.userId)],
);
export type Session = typeof sessions.$inferSelect;

export const verificationTokens = pgTable(
  "verification_tokens",
  {
    identifier: text("identifier").notNull(),
    token: text("token").notNull(),
    expires: timestamptz("expires").notNull(),
  },
  (table) => [primaryKey({ columns: [table.identifier, table.token] })],
);
export type VerificationToken = typeof verificationTokens.$inferSelect;

// ── Rate limiting, shared by every instance through the database ──

export const rateLimitHits = pgTable(
  "rate_limit_hits",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    // What is limited ("sign-in-email", "comment") and for whom (an address, a user id).
    bucket: text("bucket").notNull(),
    key: text("key").notNull(),
    at: timestamptz("at").notNull(),
  },
  (table) => [index("rate_limit_hits_bucket_key_at_idx").on(table.bucket, table.key, table.at)],
);
export type RateLimitHit = typeof rateLimitHits.$inferSelect;

// ── Comments: stored flat (parentId), built into a thread by lib/comments/build-tree.ts ──
// See docs/decisions/008-comment-storage.md.

export const comments = pgTable(
  "comments",
  {
    // Appears in permalinks (#comment-<id>), so it is a small integer, never reused.
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    // The essay's address, e.g. /leftlibertarian/08/23/slug.
    essayPath: text("essay_path").notNull(),
    // No ON DELETE: comments are deleted softly, so a parent with replies is never removed.
    parentId: integer("parent_id").references((): AnyPgColumn => comments.id),
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
    deletedAt: timestamptz("deleted_at"),
    editedAt: timestamptz("edited_at"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    // Where an imported comment came from ("wxr:<site>:<comment id>"), so an import runs once.
    sourceId: text("source_id").unique(),
    // Retracted by its author (issue 14): still shown, crossed out, with what changed their mind.
    // Every retraction and undo is also kept in comment_retractions.
    retractedAt: timestamptz("retracted_at"),
    retractionNote: text("retraction_note"),
    // The comment that changed the author's mind, under the same essay (checked when written).
    retractionCauseId: integer("retraction_cause_id").references((): AnyPgColumn => comments.id),
    // The restatement check (issue 14, decision 041): see db/schema/sqlite.ts.
    disagrees: boolean("disagrees").notNull().default(false),
    restatement: text("restatement"),
    restatementVerdict: text("restatement_verdict", { enum: ["confirmed", "not-quite"] }),
    restatementCorrection: text("restatement_correction"),
    restatementAnsweredAt: timestamptz("restatement_answered_at"),
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
export const commentRevisions = pgTable(
  "comment_revisions",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    commentId: integer("comment_id")
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    body: text("body").notNull(),
    bodyHtml: text("body_html").notNull(),
    // When the replaced version was written (the comment's creation or its previous edit).
    writtenAt: timestamptz("written_at").notNull(),
    replacedAt: timestamptz("replaced_at").notNull(),
  },
  (table) => [index("comment_revisions_comment_id_idx").on(table.commentId)],
);
export type CommentRevision = typeof commentRevisions.$inferSelect;

// A comment's history of retractions: each retraction and each undo, never rewritten.
export const commentRetractions = pgTable(
  "comment_retractions",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    commentId: integer("comment_id")
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    action: text("action", { enum: ["retract", "undo"] }).notNull(),
    note: text("note"),
    causeCommentId: integer("cause_comment_id").references(() => comments.id, { onDelete: "set null" }),
    at: timestamptz("at").notNull(),
  },
  (table) => [
    index("comment_retractions_comment_id_idx").on(table.commentId),
    check("comment_retractions_action_check", sql`${sql.identifier("action")} in ('retract', 'undo')`),
  ],
);
export type CommentRetraction = typeof commentRetractions.$inferSelect;

// A Δ "changed my mind" (issue 14, docs/decisions/040-delta-changed-my-mind.md): a reader says
// a comment in a conversation they took part in changed their mind, and what changed.
// One per giver and recipient per essay; a moderator's removal keeps the row, with a reason.
export const commentDeltas = pgTable(
  "comment_deltas",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    commentId: integer("comment_id")
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    essayPath: text("essay_path").notNull(),
    // The giver's words: they leave with the giver's account.
    giverId: text("giver_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    // The comment's author when it was given; null once their account is gone.
    recipientId: text("recipient_id").references(() => users.id, { onDelete: "set null" }),
    explanation: text("explanation").notNull(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    removedAt: timestamptz("removed_at"),
    removedBy: text("removed_by").references(() => users.id, { onDelete: "set null" }),
    // Shown publicly in place of the Δ.
    removalReason: text("removal_reason"),
  },
  (table) => [
    uniqueIndex("comment_deltas_essay_giver_recipient_idx").on(table.essayPath, table.giverId, table.recipientId),
    index("comment_deltas_comment_id_idx").on(table.commentId),
    index("comment_deltas_recipient_id_idx").on(table.recipientId),
  ],
);
export type CommentDelta = typeof commentDeltas.$inferSelect;

// ── Votes on comments (issue 13): two independent axes, one row per voter, comment and axis ──

// axis 'value' holds 'up' | 'down' (a 'down' may carry a reason); axis 'stance' holds
// 'agree' | 'disagree'. Moderation (hide, ban) leaves votes as they are.
export const commentVotes = pgTable(
  "comment_votes",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    commentId: integer("comment_id")
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    voterId: text("voter_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    axis: text("axis", { enum: ["value", "stance"] }).notNull(),
    value: text("value", { enum: ["up", "down", "agree", "disagree"] }).notNull(),
    reason: text("reason", { enum: ["off-topic", "repetitive", "no-argument"] }),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    updatedAt: timestamptz("updated_at").notNull().defaultNow(),
  },
  (table) => [
    uniqueIndex("comment_votes_comment_id_voter_id_axis_idx").on(table.commentId, table.voterId, table.axis),
    index("comment_votes_voter_id_idx").on(table.voterId),
    // Unqualified column names, as in comments_status_check (SQLite rebuilds tables under a temporary name).
    check(
      "comment_votes_value_check",
      sql`(${sql.identifier("axis")} = 'value' and ${sql.identifier("value")} in ('up', 'down') and (${sql.identifier("reason")} is null or (${sql.identifier("value")} = 'down' and ${sql.identifier("reason")} in ('off-topic', 'repetitive', 'no-argument')))) or (${sql.identifier("axis")} = 'stance' and ${sql.identifier("value")} in ('agree', 'disagree') and ${sql.identifier("reason")} is null)`,
    ),
  ],
);
export type CommentVote = typeof commentVotes.$inferSelect;

// ── Cache tag invalidations shared by every instance (read and written with raw SQL) ──

export const cacheTagEvents = pgTable(
  "cache_tag_events",
  {
    tag: text("tag").primaryKey(),
    // Epoch milliseconds as plain numbers (not Dates): the cache handler compares them to Date.now().
    staleAt: bigint("stale_at", { mode: "number" }),
    expiredAt: bigint("expired_at", { mode: "number" }),
    // Increases with every change, so an instance can ask for "everything after the last seq I saw".
    seq: bigint("seq", { mode: "number" }).notNull(),
  },
  (table) => [index("cache_tag_events_seq_idx").on(table.seq)],
);
export type CacheTagEvent = typeof cacheTagEvents.$inferSelect;

// ── Moderation (docs/decisions/011-moderation.md). Nothing here deletes what a reader wrote. ──

// A row locks the essay's thread (no new comments or replies), whatever its front matter says.
export const threadLocks = pgTable("thread_locks", {
  essayPath: text("essay_path").primaryKey(),
  lockedBy: text("locked_by").references(() => users.id, { onDelete: "set null" }),
  reason: text("reason"),
  lockedAt: timestamptz("locked_at").notNull().defaultNow(),
});
export type ThreadLock = typeof threadLocks.$inferSelect;

// A ban is active while liftedAt is null and endsAt is null or in the future; lifting keeps the row.
export const bans = pgTable(
  "bans",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    endsAt: timestamptz("ends_at"),
    createdBy: text("created_by").references(() => users.id, { onDelete: "set null" }),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    liftedAt: timestamptz("lifted_at"),
    liftedBy: text("lifted_by").references(() => users.id, { onDelete: "set null" }),
  },
  (table) => [index("bans_user_id_idx").on(table.userId)],
);
export type Ban = typeof bans.$inferSelect;

// One report per reader per comment.
export const reports = pgTable(
  "reports",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    commentId: integer("comment_id")
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    reporterId: text("reporter_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    reason: text("reason").notNull(),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    resolvedAt: timestamptz("resolved_at"),
    resolvedBy: text("resolved_by").references(() => users.id, { onDelete: "set null" }),
    resolution: text("resolution"),
  },
  (table) => [
    uniqueIndex("reports_comment_id_reporter_id_idx").on(table.commentId, table.reporterId),
    index("reports_resolved_at_idx").on(table.resolvedAt),
  ],
);
export type Report = typeof reports.$inferSelect;

// Append-only: every moderation action, never edited; undoing is a new entry.
export const moderationLog = pgTable(
  "moderation_log",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    actorId: text("actor_id").references(() => users.id, { onDelete: "set null" }),
    // The moderator's name at the time, so the log still reads after an account is gone.
    actorName: text("actor_name").notNull(),
    action: text("action").notNull(),
    commentId: integer("comment_id").references(() => comments.id, { onDelete: "set null" }),
    essayPath: text("essay_path"),
    targetUserId: text("target_user_id").references(() => users.id, { onDelete: "set null" }),
    reason: text("reason"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
  },
  (table) => [index("moderation_log_created_at_idx").on(table.createdAt)],
);
export type ModerationLogEntry = typeof moderationLog.$inferSelect;

// ── Outgoing e-mail (docs/decisions/012-notifications-outbox.md) ──

// Written in the same transaction as what caused it; a sender delivers it with retries.
export const outbox = pgTable(
  "outbox",
  {
    id: integer("id").primaryKey().generatedByDefaultAsIdentity(),
    kind: text("kind").notNull(),
    // The same event never queues a message twice ("reply:<commentId>:<userId>").
    dedupeKey: text("dedupe_key").notNull().unique(),
    toAddress: text("to_address").notNull(),
    subject: text("subject").notNull(),
    text: text("text").notNull(),
    html: text("html").notNull(),
    // JSON object of extra headers (List-Unsubscribe, …).
    headers: text("headers").notNull().default("{}"),
    status: text("status", { enum: ["pending", "sent", "failed"] }).notNull().default("pending"),
    attempts: integer("attempts").notNull().default(0),
    nextAttemptAt: timestamptz("next_attempt_at").notNull().defaultNow(),
    // A sender owns a message until this time; another sender may take it over afterwards.
    claimedBy: text("claimed_by"),
    claimedUntil: timestamptz("claimed_until"),
    lastError: text("last_error"),
    createdAt: timestamptz("created_at").notNull().defaultNow(),
    sentAt: timestamptz("sent_at"),
  },
  (table) => [index("outbox_status_next_attempt_at_idx").on(table.status, table.nextAttemptAt)],
);
export type OutboxMessage = typeof outbox.$inferSelect;

// ── Drafts kept across a sign-in (docs/decisions/033-without-javascript-as-with-it.md) ──

// A comment posted while signed out, kept until its writer has signed in and posts it from
// /comments/draft/<token>. Nothing links a draft to a user; it expires after a day.
export const commentDrafts = pgTable(
  "comment_drafts",
  {
    token: text("token").primaryKey(),
    essayPath: text("essay_path").notNull(),
    parentId: integer("parent_id"),
    body: text("body").notNull(),
    expiresAt: timestamptz("expires_at").notNull(),
  },
  (table) => [index("comment_drafts_expires_at_idx").on(table.expiresAt)],
);
export type CommentDraft = typeof commentDrafts.$inferSelect;

// ── Passages (issue 15, docs/decisions/045-passage-anchors.md) ──

// Every published revision of an essay, by content hash, with the rendered text of each block
// and the block ids carried over from the revision before it (lib/anchors/block-ids.ts).
export const essayRevisions = pgTable(
  "essay_revisions",
  {
    id: text("id").primaryKey(),
    essayPath: text("essay_path").notNull(),
    // JSON: [{ id, kind, text }] in reading order.
    blocks: text("blocks").notNull(),
    // The revision whose block ids these were carried from; null for an essay's first.
    previousId: text("previous_id"),
    firstSeenAt: timestamptz("first_seen_at").notNull().defaultNow(),
  },
  (table) => [index("essay_revisions_essay_path_first_seen_at_idx").on(table.essayPath, table.firstSeenAt)],
);
export type EssayRevision = typeof essayRevisions.$inferSelect;

// A comment that responds to a passage: the passage as written (W3C Web Annotation quote and
// position, in the block of the revision the reader saw), and where it sits in the latest revision.
export const commentPassages = pgTable(
  "comment_passages",
  {
    // One passage per comment (a table-level key: on SQLite a column-level integer key would be the rowid).
    commentId: integer("comment_id")
      .notNull()
      .references(() => comments.id, { onDelete: "cascade" }),
    revisionId: text("revision_id")
      .notNull()
      .references(() => essayRevisions.id),
    blockId: text("block_id").notNull(),
    startOffset: integer("start_offset").notNull(),
    endOffset: integer("end_offset").notNull(),
    exact: text("exact").notNull(),
    prefix: text("prefix").notNull().default(""),
    suffix: text("suffix").notNull().default(""),
    // Where it is in placedRevisionId: anchored (its words, exactly), changed (its words were
    // edited: shown with the original quote) or orphaned (placedBlockId is the nearest survivor).
    placedRevisionId: text("placed_revision_id")
      .notNull()
      .references(() => essayRevisions.id),
    placement: text("placement", { enum: ["anchored", "changed", "orphaned"] })
      .notNull()
      .default("anchored"),
    placedBlockId: text("placed_block_id"),
    placedStart: integer("placed_start"),
    placedEnd: integer("placed_end"),
    // Set when the writer re-attached an orphan by hand on /admin (logged in moderation_log): the
    // words chosen in that revision. Later revisions re-anchor from these, not from the quote.
    attachedRevisionId: text("attached_revision_id").references(() => essayRevisions.id),
    attachedBlockId: text("attached_block_id"),
    attachedStart: integer("attached_start"),
    attachedEnd: integer("attached_end"),
  },
  (table) => [
    primaryKey({ columns: [table.commentId] }),
    index("comment_passages_placed_revision_id_idx").on(table.placedRevisionId),
    check("comment_passages_placement_check", sql`${sql.identifier("placement")} in ('anchored', 'changed', 'orphaned')`),
  ],
);
export type CommentPassage = typeof commentPassages.$inferSelect;
