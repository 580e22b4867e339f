import { readViewer } from "@/lib/auth/session-user";
import { loadViewerVotes } from "@/lib/comments/load-viewer-votes";
import { noScriptVotesCss } from "@/lib/comments/no-script-votes-css";
import { essayPathSchema } from "@/lib/comments/validation";

const css = (body: string, status = 200) =>
  new Response(body, {
    status,
    headers: { "Content-Type": "text/css; charset=utf-8", "Cache-Control": "private, no-store", "X-Content-Type-Options": "nosniff" },
  });

/**
 * The reader's votes on an essay's thread, for pages read without JavaScript (decision 037):
 * loaded from a <noscript> in the thread. Private and never stored; signed out (or asked by
 * another site: the session cookie is SameSite=Lax), it is empty.
 */
export async function GET(request: Request) {
  const essayPath = essayPathSchema.safeParse(new URL(request.url).searchParams.get("essay"));
  if (!essayPath.success) return css("/* Name an essay: ?essay=/section/YYYY/MM/DD/slug */\n", 400);
  const userId = (await readViewer())?.userId;
  if (!userId) return css("/* Signed out: the static page is already right. */\n");
  return css(noScriptVotesCss(await loadViewerVotes({ viewerId: userId, essayPath: essayPath.data })));
}
