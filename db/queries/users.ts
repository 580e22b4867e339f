import "server-only";
import { and, eq, isNull } from "drizzle-orm";
import { getDb } from "@/db/client";
import { providerName, publicName } from "@/lib/auth/display-name";
import type { NotifyPreference } from "@/lib/notifications/preferences";

export type UserProfile = { id: string; displayName: string; image: string | null };

/** The public face of a user: never the e-mail address. */
export async function getUserProfileById({ id }: { id: string }): Promise<UserProfile | undefined> {
  const { db, schema } = getDb();
  const { users } = schema;
  const [row] = await db
    .select({ id: users.id, displayName: users.displayName, name: users.name, image: users.image })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  if (!row) return undefined;
  return { id: row.id, displayName: publicName(row), image: row.image };
}

/**
 * The reader's own address, for their profile page only ("only you see this address"): the
 * session no longer carries it (decision 031).
 */
export async function getOwnEmailById({ id }: { id: string }): Promise<string | null> {
  const { db, schema } = getDb();
  const { users } = schema;
  const [row] = await db.select({ email: users.email }).from(users).where(eq(users.id, id)).limit(1);
  return row?.email ?? null;
}

/**
 * What the name form needs: the name to prefill (the chosen one, else the provider's; never
 * from the e-mail, so it may be empty) and whether the reader has accepted a name yet.
 */
export type UserNameChoice = { suggestedName: string; confirmed: boolean };

export async function getUserNameChoiceById({ id }: { id: string }): Promise<UserNameChoice | undefined> {
  const { db, schema } = getDb();
  const { users } = schema;
  const [row] = await db
    .select({ displayName: users.displayName, name: users.name, nameConfirmedAt: users.nameConfirmedAt })
    .from(users)
    .where(eq(users.id, id))
    .limit(1);
  if (!row) return undefined;
  return { suggestedName: row.displayName?.trim() || providerName(row.name) || "", confirmed: row.nameConfirmedAt !== null };
}

/**
 * Sets the name other readers see, as the reader typed or accepted it, and records that they
 * did (users.name_confirmed_at): from then on they may post. The caller has validated it
 * (displayNameSchema); only this user's row can change.
 */
export async function confirmUserDisplayName({
  userId,
  displayName,
  now = new Date(),
}: {
  userId: string;
  displayName: string;
  now?: Date;
}): Promise<{ updated: boolean }> {
  const { db, schema } = getDb();
  const { users } = schema;
  const rows = await db
    .update(users)
    .set({ displayName, nameConfirmedAt: now })
    .where(eq(users.id, userId))
    .returning({ id: users.id });
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
  return { id: row.id, displayName: publicName(row), email: row.email, emailVerified: row.emailVerified };
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
