import { awardDelta } from "@/lib/comments/commands/award-delta";
import { commentPermalink } from "@/lib/comments/permalink";
import { runJsonCommand } from "@/lib/http/json-command";

/** Awarding a Δ (issue 14) as JSON: { commentId, explanation } → 201 { id, url } or a 4xx with { error }. */
export function POST(request: Request) {
  return runJsonCommand(request, awardDelta, {
    signedOut: "Sign in to award a Δ.",
    status: 201,
    answer: (result) => ({ id: result.deltaId, url: commentPermalink(result.comment.id) }),
  });
}
