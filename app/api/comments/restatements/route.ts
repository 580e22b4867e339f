import { answerRestatement } from "@/lib/comments/commands/answer-restatement";
import { commentPermalink } from "@/lib/comments/permalink";
import { runJsonCommand } from "@/lib/http/json-command";

/** Answering a restatement of one's view (issue 14) as JSON: { commentId, verdict, correction? } → 200 { verdict, url } or a 4xx. */
export function POST(request: Request) {
  return runJsonCommand(request, answerRestatement, {
    signedOut: "Sign in to answer the restatement of your view.",
    answer: (result) => ({ verdict: result.verdict, url: commentPermalink(result.comment.id) }),
  });
}
