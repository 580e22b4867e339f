import "server-only";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import { eq, sql } from "drizzle-orm";
import type { Adapter } from "next-auth/adapters";
import { getAuthAdapterConfig, getDb } from "./client";
import { prepared } from "./prepared";

type AdapterMethods = Required<
  Pick<
    Adapter,
    | "createUser"
    | "getUser"
    | "getUserByEmail"
    | "getUserByAccount"
    | "updateUser"
    | "deleteUser"
    | "linkAccount"
    | "unlinkAccount"
    | "createSession"
    | "getSessionAndUser"
    | "updateSession"
    | "deleteSession"
    | "createVerificationToken"
    | "useVerificationToken"
    | "getAccount"
  >
>;

/**
 * The Auth.js adapter for whichever database DATABASE_URL names. It opens the database on
 * its first call, not when auth.ts is imported (`next build` imports it). WebAuthn methods
 * are left out: there is no authenticators table.
 */
export function createAuthAdapter(): AdapterMethods {
  let adapter: Adapter | undefined;
  const real = () => (adapter ??= buildAdapter()) as AdapterMethods;
  return {
    createUser: (user) => real().createUser(user),
    getUser: (id) => real().getUser(id),
    getUserByEmail: (email) => real().getUserByEmail(email),
    getUserByAccount: (account) => real().getUserByAccount(account),
    updateUser: (user) => real().updateUser(user),
    deleteUser: (userId) => real().deleteUser(userId),
    linkAccount: (account) => real().linkAccount(account),
    unlinkAccount: (account) => real().unlinkAccount(account),
    createSession: (session) => real().createSession(session),
    getSessionAndUser,
    updateSession: (session) => real().updateSession(session),
    deleteSession: (sessionToken) => real().deleteSession(sessionToken),
    createVerificationToken: (token) => real().createVerificationToken(token),
    useVerificationToken: (params) => real().useVerificationToken(params),
    getAccount: (providerAccountId, provider) => real().getAccount(providerAccountId, provider),
  };
}

function buildAdapter(): Adapter {
  const config = getAuthAdapterConfig();
  // One branch per dialect, so each call checks the tables against that dialect's expected shape.
  if (config.dialect === "sqlite") {
    const { db, usersTable, accountsTable, sessionsTable, verificationTokensTable } = config;
    return DrizzleAdapter(db, { usersTable, accountsTable, sessionsTable, verificationTokensTable });
  }
  const { db, usersTable, accountsTable, sessionsTable, verificationTokensTable } = config;
  return DrizzleAdapter(db, { usersTable, accountsTable, sessionsTable, verificationTokensTable });
}

/**
 * The adapter's own getSessionAndUser (the same select, the same answer), as a query prepared
 * once per db (db/prepared.ts): `auth()` runs it on every signed-in request, comment posts included.
 */
type SessionAndUser = Awaited<ReturnType<AdapterMethods["getSessionAndUser"]>>;

async function getSessionAndUser(sessionToken: string): Promise<SessionAndUser> {
  const query = prepared(getDb().db, "auth:getSessionAndUser", (db) => {
    const { sessions, users } = getDb().schema;
    return db
      .select({ session: sessions, user: users })
      .from(sessions)
      .where(eq(sessions.sessionToken, sql.placeholder("sessionToken")))
      .innerJoin(users, eq(users.id, sessions.userId));
  });
  const [row] = await query.execute({ sessionToken });
  // The tables are the ones the adapter checks (buildAdapter); a user's e-mail may be null there too.
  return (row ?? null) as SessionAndUser;
}

/**
 * Whose session `sessionToken` is, if it is live: the user id, or null for an unknown or
 * expired session (or a deleted user, whose sessions cascade away). Auth.js's own lookup above,
 * with its expiry check; for lib/auth/session-user.ts.
 */
export async function getSessionUserId({ sessionToken, now = new Date() }: { sessionToken: string; now?: Date }): Promise<string | null> {
  const found = await getSessionAndUser(sessionToken);
  return found && found.session.expires.getTime() > now.getTime() ? found.user.id : null;
}
