import "server-only";
import { cookies } from "next/headers";
import { getSessionUserId } from "@/db/auth-adapter";
import { sessionCookieName } from "./session-cookie";

// Who is asking, for every comment write (docs/decisions/017 and 026): the one way a write reads
// its viewer, the server actions and the JSON route alike. Auth.js's auth() answers the same
// question through its whole request pipeline (a Request, its session action, a Response, JSON
// both ways): about 1 ms of CPU per call, a fifth of a post. Here: the session cookie, by the
// name Auth.js is configured with (./session-cookie.ts), then the session row. Sign-in,
// sign-out, expiry and the rolling renewal of sessions stay with Auth.js (every page's /api/me
// call still runs auth()).

/** The signed-in reader a write acts for, or null when nobody is signed in. */
export type Viewer = { userId: string } | null;

/** The session token the request carries in the configured cookie; undefined without one. */
export function sessionTokenFrom(jar: { get(name: string): { value: string } | undefined }, cookieName: string = sessionCookieName()): string | undefined {
  return jar.get(cookieName)?.value || undefined;
}

/** The signed-in reader: null without a session cookie, or for an unknown or expired session. */
export async function readViewer(): Promise<Viewer> {
  const token = sessionTokenFrom(await cookies());
  const userId = token ? await getSessionUserId({ sessionToken: token }) : null;
  return userId ? { userId } : null;
}
