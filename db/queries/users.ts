import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import type { NotifyPreference } from "@/lib/notifications/preferences";

export type UserProfile = { id: string; displayName: string; image: string | null };

/** The public face of a user: never the e-mail address, only a name derived from it. */
export async function getUserProfileById({ id }: { id: string }): Promise<UserProfile | undefined> {
  const { db, schema } = getDb();
  const { users } = schema;
  const [row] = await db
    .select({ id: users.id, displayName: users.displayName, name: users.name, email: users.email, image: users.image })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  if (!row) return undefined;
  return { id: row.id, displayName: deriveDisplayName(row), image: row.image };
}

/**
 * Sets (or, with null, clears back to the derived name) a user's display name. The caller
 * has validated it (1–50 characters, trimmed); only this user's row can change.
 */
export async function updateUserDisplayName({
  userId,
  displayName,
}: {
  userId: string;
  displayName: string | null;
}): Promise<{ updated: boolean }> {
  const { db, schema } = getDb();
  const { users } = schema;
  const rows = await db.update(users).set({ displayName }).where(eq(users.id, userId)).returning({ id: users.id });
  return { updated: rows.length > 0 };
}

/** Which e-mails about conversations the user gets (users.notify); undefined for an unknown id. */
export async function getUserNotifyById({ id }: { id: string }): Promise<NotifyPreference | undefined> {
  const { db, schema } = getDb();
  const { users } = schema;
  const [row] = await db.select({ notify: users.notify }).from(users).where(eq(users.id, id)).limit(1);
  return row?.notify;
}

/**
 * Sets which e-mails about conversations a user gets: from their profile (the caller passes the
 * session's user id) or from a signed unsubscribe link (the token's user id).
 */
export async function updateUserNotify({ userId, notify }: { userId: string; notify: NotifyPreference }): Promise<{ updated: boolean }> {
  const { db, schema } = getDb();
  const { users } = schema;
  const rows = await db.update(users).set({ notify }).where(eq(users.id, userId)).returning({ id: users.id });
  return { updated: rows.length > 0 };
}

// Chosen name, else the provider's name, else the part of the e-mail before "@" (so the
// address itself never reaches a page). A user with none of these (possible with some
// OAuth providers) is shown as "Reader". Also used for comment authors (db/queries/comments.ts).
export function deriveDisplayName(user: { displayName: string | null; name: string | null; email: string | null }): string {
  const localPart = user.email?.split("@")[0];
  for (const candidate of [user.displayName, user.name, localPart]) {
    const trimmed = candidate?.trim();
    if (trimmed) return trimmed;
  }
  return "Reader";
}

/**
 * Who a user is for authorization: the e-mail address and whether it was verified. Server-only
 * use (the moderator check in lib/moderation/moderators.ts); never pass the result to a page.
 */
export type UserAuthority = { id: string; displayName: string; email: string | null; emailVerified: Date | null };

export async function getUserAuthorityById({ id }: { id: string }): Promise<UserAuthority | undefined> {
  const { db, schema } = getDb();
  const { users } = schema;
  const [row] = await db
    .select({ id: users.id, displayName: users.displayName, name: users.name, email: users.email, emailVerified: users.emailVerified })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  if (!row) return undefined;
  return { id: row.id, displayName: deriveDisplayName(row), email: row.email, emailVerified: row.emailVerified };
}

/**
 * Records that a provider vouched for the user's address (auth.ts, events.signIn). Only a
 * missing date is set: the first verification is kept, and a magic link's own date wins.
 */
export async function markUserEmailVerified({ userId, now = new Date() }: { userId: string; now?: Date }): Promise<{ updated: boolean }> {
  const { db, schema } = getDb();
  const { users } = schema;
  const rows = await db
    .update(users)
    .set({ emailVerified: now })
    .where(and(eq(users.id, userId), isNull(users.emailVerified)))
    .returning({ id: users.id });
  return { updated: rows.length > 0 };
}
