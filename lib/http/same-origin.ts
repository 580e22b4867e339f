import { env } from "@/env.js";

/**
 * Refuses requests a browser sent from another site. Browsers send Origin (and
 * Sec-Fetch-Site) on every POST; clients that are not browsers send neither and
 * carry no ambient cookies, so they are let through to the authentication check.
 */
export function isCrossSiteRequest(request: Request): boolean {
  if (request.headers.get("sec-fetch-site") === "cross-site") return true;
  const origin = request.headers.get("origin");
  if (!origin) return false;
  const allowed = new Set([new URL(request.url).origin, new URL(env.SITE_URL).origin]);
  if (env.AUTH_URL) allowed.add(new URL(env.AUTH_URL).origin);
  return !allowed.has(origin);
}
