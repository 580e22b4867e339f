import { signOut } from "@/auth";
import { afterSignOutPath } from "@/lib/auth/after-sign-out";
import { isSameOriginPost } from "@/lib/auth/same-origin";

/**
 * Sign-out as a plain form POST (the header's account menu, the profile page): works without
 * JavaScript, and the full page load that follows leaves nothing of the signed-in state in the
 * browser. Auth.js's own /api/auth/signout needs a CSRF token a static page cannot hold, and
 * signOut() skips that check, so the origin is checked here (decision 031).
 */
export async function POST(request: Request) {
  if (!isSameOriginPost(request.headers)) {
    return new Response("Sign out from a page of this site.", { status: 403, headers: { "Content-Type": "text/plain; charset=utf-8" } });
  }
  const form = await request.formData().catch(() => undefined);
  await signOut({ redirect: false });
  // 303: the browser follows with a GET (a 307 would post the form again to the page).
  return new Response(null, { status: 303, headers: { Location: afterSignOutPath(form?.get("returnTo")), "Cache-Control": "no-store" } });
}
