/**
 * Whether a state-changing request came from one of this site's own pages. Browsers send
 * Sec-Fetch-Site on every request; older ones send Origin on a cross-site POST, compared with
 * the Host the request was sent to (the check Next applies to server actions). A request with
 * neither (curl, a script) is not from a browser tricked by another site, so it is let through.
 */
export function isSameOriginPost(headers: Headers): boolean {
  const site = headers.get("sec-fetch-site");
  if (site) return site === "same-origin";
  const origin = headers.get("origin");
  if (origin === null) return true;
  const host = headers.get("x-forwarded-host") ?? headers.get("host");
  try {
    return new URL(origin).host === host;
  } catch {
    return false;
  }
}
