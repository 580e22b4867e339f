import "server-only";
import { env } from "@/env.js";
import { takeRateLimitTokens } from "@/db/queries/rate-limits";
import { getViewerVotes, setVote, type VoteRefusal } from "@/db/queries/votes";
import { parseVoteForm } from "../validation";
import { VOTE_REFUSAL_MESSAGES, type VoteRefusalKey } from "../vote-return";
import { fail, invalidFields, isRecord, type CommandRequest, type CommandResult, type Failure, type FailureCode } from "./result";

// Casting, changing or taking back a vote on one axis of a comment (docs/decisions/037):
// { commentId, essayPath, axis, value, reason?, toggle? } as the viewer.

/** Every refusal names its key, for the vote page a plain form is sent to. */
type VoteFailure = Failure<{ refusal: VoteRefusalKey }>;

export type CastVoteResult = CommandResult<{
  commentId: number;
  essayPath: string;
  axis: "value" | "stance";
  /** The viewer's vote on that axis now; null when taken back. */
  value: "up" | "down" | "agree" | "disagree" | null;
  /** Whether the viewer's votes count yet (accounts younger than VOTE_MIN_ACCOUNT_HOURS weigh 0). */
  counts: boolean;
}, { refusal: VoteRefusalKey }>;

const refuse = (code: FailureCode, refusal: VoteRefusalKey, message = VOTE_REFUSAL_MESSAGES[refusal], extra?: Partial<Failure>): VoteFailure => ({
  ...fail(code, message, extra),
  refusal,
});

const REFUSAL_CODES: Record<VoteRefusal, FailureCode> = {
  "not-found": "not-found",
  "other-essay": "invalid",
  "not-visible": "conflict",
  retracted: "conflict",
  "own-comment": "forbidden",
  "down-on-reply-to-you": "forbidden",
  banned: "forbidden",
};

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

async function underRateLimit(userId: string): Promise<VoteFailure | undefined> {
  const limits = [
    { bucket: `vote-${MINUTE}`, limit: env.VOTES_PER_MINUTE, windowMs: MINUTE, span: "a minute" },
    { bucket: `vote-${DAY}`, limit: env.VOTES_PER_DAY, windowMs: DAY, span: "a day" },
  ] as const;
  // Both limits in one transaction (db/queries/rate-limits.ts): a vote is the busiest write after a post.
  const taken = await takeRateLimitTokens({ key: userId, limits });
  if (taken.ok) return undefined;
  const seconds = Math.ceil(taken.retryAfterMs / 1000);
  const { limit, span } = "bucket" in taken && taken.bucket === limits[1].bucket ? limits[1] : limits[0];
  return refuse("rate-limited", "rate-limited", `You have voted ${limit} times in ${span}, the most this site allows. Try again in ${seconds < 90 ? `${seconds} seconds` : `${Math.ceil(seconds / 60)} minutes`}.`);
}

export async function castVote({ viewer, input }: CommandRequest): Promise<CastVoteResult> {
  if (!viewer) return refuse("unauthenticated", "invalid", "Sign in to vote.");
  if (!isRecord(input)) return refuse("invalid", "invalid", "Send an object: { commentId, essayPath, axis, value, reason? }.");
  const parsed = parseVoteForm(input);
  if (!parsed.ok) return { ...invalidFields(parsed.fieldErrors), refusal: "invalid" };
  const { commentId, essayPath, axis, reason, toggle } = parsed.data;

  let value = parsed.data.value;
  if (toggle && value !== null) {
    // A plain form cannot know the vote already cast: the same button again takes it back.
    const current = (await getViewerVotes({ voterId: viewer.userId, essayPath })).find((vote) => vote.commentId === commentId && vote.axis === axis);
    if (current?.value === value && (value !== "down" || current.reason === reason)) value = null;
  }
  const limited = await underRateLimit(viewer.userId);
  if (limited) return limited;

  const result = await setVote({ voterId: viewer.userId, commentId, essayPath, axis, value, reason: value === "down" ? reason : null });
  if (!result.ok) return refuse(REFUSAL_CODES[result.reason], result.reason);
  const counts = Date.now() - result.voterSince.getTime() >= env.VOTE_MIN_ACCOUNT_HOURS * 3_600_000;
  return { ok: true, commentId, essayPath, axis, value, counts, refresh: result.changed ? { essayPaths: [essayPath], counts: false, votesOnly: true } : undefined };
}
