import { safeCallbackPath } from "./callback-url";

// Pages that only exist for a signed-in reader: after signing out they would only send the
// reader to the sign-in page, so sign-out lands on the home page instead.
const PRIVATE_PAGES = ["/profile", "/admin", "/account"];

/** Where a reader goes after signing out: back to the page they were reading, if it is public. */
export function afterSignOutPath(returnTo: unknown): string {
  const path = safeCallbackPath(returnTo);
  const pathname = path.split(/[?#]/)[0]!;
  return PRIVATE_PAGES.some((page) => pathname === page || pathname.startsWith(`${page}/`)) ? "/" : path;
}
