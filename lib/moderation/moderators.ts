import "server-only";
import { getUserAuthorityById } from "@/db/queries/users";
import { env } from "@/env.js";

/** A moderator as actions and queries name them: the id, and the name the log keeps. */
export type Moderator = { id: string; name: string };

/**
 * The only rule that grants the role: a VERIFIED address listed in ADMIN_EMAILS (which env.js
 * lower-cases). An unverified address proves nothing: anyone may type someone else's address
 * into a provider that does not check it. `adminEmails` is for tests; callers leave it out.
 */
export function isModerator(
  user: { email: string | null; emailVerified: Date | null },
  adminEmails: readonly string[] = env.ADMIN_EMAILS,
): boolean {
  return hasVerifiedAddressIn(user, adminEmails);
}

/**
 * Whether the user's VERIFIED address is in a lower-cased list of addresses: the rule behind
 * every role read from the environment (moderators: ADMIN_EMAILS; the essays' author: AUTHOR_EMAILS).
 */
export function hasVerifiedAddressIn(user: { email: string | null; emailVerified: Date | null }, addresses: readonly string[]): boolean {
  if (!user.email || !user.emailVerified) return false;
  return addresses.includes(user.email.trim().toLowerCase());
}

/** The signed-in user as a moderator (one query), or undefined for everyone else. */
export async function getModeratorById({ id }: { id: string }): Promise<Moderator | undefined> {
  const user = await getUserAuthorityById({ id });
  if (!user || !isModerator(user)) return undefined;
  return { id: user.id, name: user.displayName };
}
