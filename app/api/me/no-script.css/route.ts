import { getUserProfileById } from "@/db/queries/users";
import { readViewer } from "@/lib/auth/session-user";
import { noScriptViewerCss } from "@/lib/auth/no-script-viewer-css";

/**
 * What /api/me is for pages read with JavaScript, as a stylesheet for pages read without it
 * (decision 033): only such browsers load it, from a <noscript> in the head. Private to the
 * reader and never stored. A cross-site page cannot ask for it as the reader: the session
 * cookie is SameSite=Lax, so such a request is answered as signed out.
 */
export async function GET() {
  const userId = (await readViewer())?.userId;
  const profile = userId ? await getUserProfileById({ id: userId }) : undefined;
  const css = noScriptViewerCss(profile ? { id: profile.id, name: profile.displayName } : undefined);
  return new Response(css, {
    headers: {
      "Content-Type": "text/css; charset=utf-8",
      "Cache-Control": "private, no-store",
      "X-Content-Type-Options": "nosniff",
    },
  });
}
