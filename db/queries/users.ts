import "server-only";
import { eq } from "drizzle-orm";
import { getDb } from "@/db/client";

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
