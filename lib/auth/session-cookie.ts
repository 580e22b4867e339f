import { env } from "@/env.js";

// The session cookie's name, stated once for both readers of it: auth.ts hands it to Auth.js
// (`cookies.sessionToken.name`), which sets and reads the cookie by it, and the comment writes
// read it directly (./session-user.ts). So the two can never disagree, whatever Auth.js's own
// default becomes. The value is Auth.js's default (@auth/core defaultCookies), so sessions made
// before it was stated here stay valid.

/** Whether the site is served over https (its public address, AUTH_URL or SITE_URL). */
export const secureSite = (): boolean => new URL(env.AUTH_URL ?? env.SITE_URL).protocol === "https:";

/**
 * The session cookie on a site of that kind: "__Secure-" prefixed under https, which a browser
 * accepts only from an https response, so a plain-http response cannot plant a session there.
 */
export function sessionCookieName(secure: boolean = secureSite()): string {
  return `${secure ? "__Secure-" : ""}authjs.session-token`;
}

/** Auth.js's `cookies` option: only the session cookie's name is set; its options stay Auth.js's. */
export const authCookies = (secure: boolean = secureSite()) => ({ sessionToken: { name: sessionCookieName(secure) } });
