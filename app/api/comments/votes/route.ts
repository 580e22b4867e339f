import { readViewer } from "@/lib/auth/session-user";
import { castVote } from "@/lib/comments/commands/cast-vote";
import { HTTP_STATUS } from "@/lib/comments/commands/http-status";
import { commentPermalink } from "@/lib/comments/permalink";
import { refreshThreads } from "@/lib/comments/refresh-threads";
import { readVoteButton } from "@/lib/comments/vote-button";
import { voteReturnHref, votePageHref } from "@/lib/comments/vote-return";
import { isCrossSiteRequest } from "@/lib/http/same-origin";

// Votes (docs/decisions/037): transport only, around lib/comments/commands/cast-vote.ts.
// A plain form (no JavaScript) is answered with a redirect: back to the comment in the thread
// page it was on, or, refused, to the comment's vote page with the reason. JSON (the page's
// script, or any client) is answered with JSON and an HTTP status.

const problem = (status: number, error: string, fields?: Record<string, string | undefined>) =>
  Response.json({ error, ...(fields ? { fields } : {}) }, { status, headers: { "Cache-Control": "no-store" } });

const seeOther = (location: string) => new Response(null, { status: 303, headers: { Location: location, "Cache-Control": "no-store" } });

export async function POST(request: Request) {
  const json = (request.headers.get("content-type") ?? "").includes("application/json");
  if (isCrossSiteRequest(request)) return problem(403, "Cross-site requests are refused.");
  let input: unknown;
  try {
    input = json ? await request.json() : await request.formData();
  } catch {
    return problem(400, "The request body is not valid JSON or form data.");
  }
  const result = await castVote({ viewer: await readViewer(), input });
  if (result.ok) refreshThreads(result.refresh, "route");

  if (json) {
    if (!result.ok) return problem(HTTP_STATUS[result.code], result.message, result.fields);
    const { commentId, axis, value, counts } = result;
    return Response.json({ commentId, axis, value, counts }, { headers: { "Cache-Control": "no-store" } });
  }
  const form = input as FormData;
  // The button pressed names its comment (lib/comments/vote-button.ts).
  const { commentId } = readVoteButton(String(form.get("vote") ?? ""));
  if (result.ok) return seeOther(voteReturnHref(form.get("returnTo"), result.essayPath, result.commentId));
  if (result.code === "unauthenticated") {
    const back = /^\d{1,10}$/.test(commentId) ? commentPermalink(Number(commentId)) : "/";
    return seeOther(`/sign-in?callbackUrl=${encodeURIComponent(back)}`);
  }
  if (!/^\d{1,10}$/.test(commentId)) return problem(HTTP_STATUS[result.code], result.message);
  return seeOther(votePageHref(Number(commentId), result.refusal));
}
