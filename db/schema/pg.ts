// PostgreSQL schema: the mirror of db/schema/sqlite.ts (same table names, column
// names and property names; see docs/decisions/002-one-query-layer-two-dialects.md).
// Timestamps are timestamptz read back as JS Date.
import { index, integer, pgTable, primaryKey, text, timestamp } from "drizzle-orm/pg-core";
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
  // null means "derive from name or e-mail local part" (db/queries/users.ts).
  displayName: text("display_name"),
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
    id: integer("id").primaryKey().generatedAlwaysAsIdentity(),
    // What is limited ("sign-in-email", "comment") and for whom (an address, a user id).
    bucket: text("bucket").notNull(),
    key: text("key").notNull(),
    at: timestamptz("at").notNull(),
  },
  (table) => [index("rate_limit_hits_bucket_key_at_idx").on(table.bucket, table.key, table.at)],
);
export type RateLimitHit = typeof rateLimitHits.$inferSelect;
