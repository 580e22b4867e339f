import type { VoteRefusal } from "@/db/queries/votes";
import { parseThreadPageSegments } from "./pagination";
import { commentPermalink } from "./permalink";

// Where a plain vote form (no JavaScript) leads back to (docs/decisions/037).

/** Why a vote was refused, as the vote page names it in its address (a key, never free text). */
export type VoteRefusalKey = VoteRefusal | "invalid" | "rate-limited";

export const VOTE_REFUSAL_MESSAGES: Record<VoteRefusalKey, string> = {
  "not-found": "That comment does not exist.",
  "other-essay": "That comment is not under this essay.",
  "not-visible": "That comment was removed, so it cannot be voted on.",
  retracted: "Its author has retracted this comment, so it takes no new votes.",
  "own-comment": "You cannot vote on your own comment.",
  "down-on-reply-to-you": "You cannot mark a direct reply to you as not useful: answer it instead.",
  banned: "A moderator has stopped you from taking part, so you cannot vote.",
  invalid: "This vote form is out of date. Reload the page and try again.",
  "rate-limited": "You have voted as often as this site allows for now. Try again in a few minutes.",
};

export const isVoteRefusalKey = (value: unknown): value is VoteRefusalKey => typeof value === "string" && Object.hasOwn(VOTE_REFUSAL_MESSAGES, value);

/** The comment's vote page, saying why the vote was refused. */
export const votePageHref = (commentId: number, refused?: VoteRefusalKey) => `/comments/${commentId}/vote${refused ? `?refused=${refused}` : ""}`;

/**
 * Back to the comment on the thread page the form was on (its order and page), when the form
 * says a page of this essay's thread; anything else (another site, another essay) is ignored
 * for the comment's permalink.
 */
export function voteReturnHref(returnTo: unknown, essayPath: string, commentId: number): string {
  if (typeof returnTo !== "string") return commentPermalink(commentId);
  const path = returnTo.replace(/#.*$/, "");
  const threadPrefix = `${essayPath}/comments/`;
  const threadPage = path.startsWith(threadPrefix) && parseThreadPageSegments(path.slice(threadPrefix.length).split("/"))?.canonical === true;
  return path === essayPath || threadPage ? `${path}#comment-${commentId}` : commentPermalink(commentId);
}
