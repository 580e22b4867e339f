import "server-only";
import { cookies } from "next/headers";
import { getSessionUserId } from "@/db/auth-adapter";
import { env } from "@/env.js";

// Who is posting, for the comment write paths (docs/decisions/017-comment-posting-off-the-main-thread.md).
// Auth.js's auth() answers the same question through its whole request pipeline (a Request, its
// session action, a Response, JSON both ways): about 1 ms of CPU per call, a fifth of a post.
// Here: the session cookie, then the session row. Sign-in, sign-out, expiry and the rolling
// renewal of sessions stay with Auth.js (every page's /api/me call still runs auth()).

// Auth.js's own names (@auth/core defaultCookies): "__Secure-" prefixed on an https site.
export const SESSION_COOKIE = "authjs.session-token";
export const SECURE_SESSION_COOKIE = `__Secure-${SESSION_COOKIE}`;

/** Whether the site is served over https: then Auth.js only ever reads the prefixed cookie. */
const secureSite = () => new URL(env.AUTH_URL ?? env.SITE_URL).protocol === "https:";

/** The session token the request carries, by Auth.js's rules; undefined without one. */
export function sessionTokenFrom(jar: { get(name: string): { value: string } | undefined }, secure = secureSite()): string | undefined {
  // A browser sets a __Secure- cookie only from https, so it is honest on either kind of site;
  // the bare name is not on an https site (a plain-http response could have planted it).
  return jar.get(SECURE_SESSION_COOKIE)?.value || (secure ? undefined : jar.get(SESSION_COOKIE)?.value) || undefined;
}

/** The signed-in reader's user id, or null: no session cookie, an unknown or expired session. */
export async function signedInUserId(): Promise<string | null> {
  const token = sessionTokenFrom(await cookies());
  return token ? getSessionUserId({ sessionToken: token }) : null;
}
