// Trailing slashes, handled here instead of by Next (next.config.js sets skipTrailingSlashRedirect):
// Next's own 308 to the address without the slash came before the route, so the old blog's
// `/YYYY/MM/DD/slug/` took two hops to reach the essay. An old-blog address is handed to the
// essay route as it is, which answers with one permanent redirect to the essay
// (docs/decisions/005-addresses-and-old-links.md); every other address keeps Next's 308.
import { NextResponse, type NextRequest } from "next/server";

const LEGACY_ADDRESS = /^\/\d{4}\/\d{2}\/\d{2}\/[^/]+\/+$/;

export function proxy(request: NextRequest) {
  const { pathname } = request.nextUrl;
  if (pathname === "/" || !pathname.endsWith("/")) return NextResponse.next();
  // A plain URL: a clone of nextUrl remembers the trailing slash and would put it back.
  const url = new URL(request.url);
  url.pathname = pathname.replace(/\/+$/, "");
  return LEGACY_ADDRESS.test(pathname) ? NextResponse.rewrite(url) : NextResponse.redirect(url, 308);
}

// Only addresses that end in a slash; everything else never enters the proxy.
export const config = { matcher: "/((?!_next/).*/)" };
