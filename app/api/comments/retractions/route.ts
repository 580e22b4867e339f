import { retractComment } from "@/lib/comments/commands/retract-comment";
import { commentPermalink } from "@/lib/comments/permalink";
import { runJsonCommand } from "@/lib/http/json-command";

/** Retracting one's comment or undoing it (issue 14) as JSON: { commentId, intent, note?, cause? } → 200 { retracted, url } or a 4xx. */
export function POST(request: Request) {
  return runJsonCommand(request, retractComment, {
    signedOut: "Sign in to retract your comment.",
    answer: (result) => ({ retracted: result.retracted, url: commentPermalink(result.comment.id) }),
  });
}
