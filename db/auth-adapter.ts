import "server-only";
import { DrizzleAdapter } from "@auth/drizzle-adapter";
import type { Adapter } from "next-auth/adapters";
import { getAuthAdapterConfig } from "./client";

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
    getSessionAndUser: (sessionToken) => real().getSessionAndUser(sessionToken),
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
