import "server-only";
import { unstable_cache } from "next/cache";
import { getCommentCountsByEssay, getThreadByEssay, type ThreadComment, type ThreadDelta } from "@/db/queries/comments";
import { getThreadLock } from "@/db/queries/moderation";
import { passagesByBlock, threadPassages, type BlockPassages, type ThreadPassage } from "@/db/queries/passages";
import { getThreadVoteTallies, type VoteTally } from "@/db/queries/votes";
import { env } from "@/env.js";
import { COMMENT_COUNTS_TAG, threadTag, threadVotesTag } from "./cache-tags";
import { toThreadRows } from "./thread-pages";

/** A thread as the page receives it: dates as ISO strings (the cache stores JSON). */
export type ThreadRow = Omit<ThreadComment, "editedAt" | "createdAt" | "retraction" | "deltas" | "disagreement"> & {
  editedAt: string | null;
  createdAt: string;
  /** Only on a comment its author retracted (issue 14). */
  retraction?: { at: string; note: string | null; causeId: number | null };
  /** Only on a comment that received a Δ "changed my mind" (issue 14), oldest first. */
  deltas?: ThreadRowDelta[];
  /** Only on a reply marked as disagreeing (decision 041): its restatement and the answer to it. */
  disagreement?: { restatement: string | null; answer: { verdict: "confirmed" | "not-quite"; correction: string | null; at: string } | null };
  /** Only on a comment responding to a passage of the essay (issue 15): its quote, and whether the essay still says it. */
  passage?: Omit<ThreadPassage, "commentId">;
  /** Only in the author's own browser: a comment of theirs waiting for approval. */
  held?: "pending";
  /** Only in the author's own browser: the text of their comment a moderator removed. */
  ownBodyHtml?: string;
  /** Its place among its siblings in the page's order, when that order ranks by votes. */
  rank?: number;
  /** Its counted votes, once they are shown to everyone (VOTES_HIDDEN_HOURS after posting). */
  votes?: VoteCounts;
  /** Set while its scores are hidden: they are not in the page. */
  votesHidden?: true;
};

export type ThreadRowDelta = Omit<ThreadDelta, "at"> & { at: string };

export type VoteCounts = Omit<VoteTally, "commentId">;

/** One query for the whole thread, cached with the essay page until a comment changes it. */
export function getCachedThread(essayPath: string): Promise<ThreadRow[]> {
  return unstable_cache(
    async () => toThreadRows(await getThreadByEssay({ essayPath })),
    ["thread", essayPath],
    { tags: [threadTag(essayPath)] },
  )();
}

/** The passages the thread's comments respond to: one query, cached with the thread (a new revision re-renders the page). */
export function getCachedThreadPassages(essayPath: string): Promise<ThreadPassage[]> {
  return unstable_cache(() => threadPassages(essayPath), ["thread-passages", essayPath], { tags: [threadTag(essayPath)] })();
}

/** The essay page's marks for one revision of it: cached with the thread, so a new response re-marks the page. */
export function getCachedPassageMarks(essayPath: string, revisionId: string): Promise<BlockPassages[]> {
  return unstable_cache(() => passagesByBlock(essayPath, revisionId), ["passage-marks", essayPath, revisionId], { tags: [threadTag(essayPath)] })();
}

/** Whether a moderator locked the thread; cached with it, so locking refreshes the page. */
export function getCachedThreadLocked(essayPath: string): Promise<boolean> {
  return unstable_cache(async () => Boolean(await getThreadLock({ essayPath })), ["thread-lock", essayPath], {
    tags: [threadTag(essayPath)],
  })();
}

/** Visible comments per essay, for lists; one grouped query, cached until any comment changes. */
export const getCachedCommentCounts = unstable_cache(() => getCommentCountsByEssay(), ["comment-counts"], {
  tags: [COMMENT_COUNTS_TAG],
});

/**
 * The counted votes of a whole thread: one grouped query, cached with the thread and refreshed by
 * a vote (its own tag, so the comments stay cached). Votes of young accounts start to count as
 * the accounts age, so the cache also lapses every hour.
 */
export function getCachedThreadVotes(essayPath: string): Promise<VoteTally[]> {
  return unstable_cache(
    () => getThreadVoteTallies({ essayPath, eligibleBefore: new Date(Date.now() - env.VOTE_MIN_ACCOUNT_HOURS * 3_600_000) }),
    ["thread-votes", essayPath],
    { tags: [threadTag(essayPath), threadVotesTag(essayPath)], revalidate: 3600 },
  )();
}
