import "server-only";
import { env } from "@/env.js";
import type { VoteTally } from "@/db/queries/votes";
import { buildCommentTree, countVisibleComments, type CommentOrder } from "./build-tree";
import { getCachedThread, getCachedThreadLocked, getCachedThreadVotes, type ThreadRow } from "./cached-queries";
import { commentsIn, pageConversations, pageHolding, threadPageHref, type ThreadPageRef } from "./pagination";
import { rankOf, scoresRevealed } from "./ranking";

/** The thread's pages in `order`, at the configured size. */
const threadPages = (rows: ThreadRow[], order: CommentOrder) => pageConversations(buildCommentTree(rows, { order }), env.COMMENTS_PER_PAGE);

/** One page of an essay's thread, as its page renders it. */
export type ThreadPage = {
  at: ThreadPageRef;
  /** The comments of this page's conversations only: all a page (and its hydration data) carries. */
  rows: ThreadRow[];
  /** Visible comments in the whole thread. */
  count: number;
  pageCount: number;
  locked: boolean;
};

/**
 * The page `at` of an essay's thread, from the one cached query for the whole thread; or
 * `{ lastPage }` when the thread has fewer pages (comments were removed since the link was made).
 */
export async function loadThreadPage(essayPath: string, at: ThreadPageRef): Promise<ThreadPage | { lastPage: number }> {
  const [rows, locked, tallies] = await Promise.all([getCachedThread(essayPath), getCachedThreadLocked(essayPath), getCachedThreadVotes(essayPath)]);
  const withVotes = attachVotes(rows, tallies, at.order, new Date());
  const pages = threadPages(withVotes, at.order);
  const conversations = pages[at.page - 1];
  if (!conversations) return { lastPage: pages.length };
  return { at, rows: commentsIn(conversations), count: countVisibleComments(rows), pageCount: pages.length, locked };
}

/**
 * Each comment's rank in a ranked order, and its counts once they are shown to everyone
 * (decision 037). Decided at render time: the page is rendered again within the hour
 * (`revalidate`) or at the next vote, so hidden scores appear soon after their window ends.
 */
function attachVotes(rows: ThreadRow[], tallies: VoteTally[], order: CommentOrder, now: Date): ThreadRow[] {
  const byComment = new Map(tallies.map((tally) => [tally.commentId, tally]));
  return rows.map((row) => {
    const tally = byComment.get(row.id);
    const rank = order === "best" || order === "valued" ? rankOf(order, tally) : undefined;
    if (!scoresRevealed(row.createdAt, now, env.VOTES_HIDDEN_HOURS)) return { ...row, rank, votesHidden: true };
    if (!tally) return rank === undefined ? row : { ...row, rank };
    const { commentId: _, ...votes } = tally;
    return { ...row, rank, votes };
  });
}

/**
 * Where a comment is read: its page of the thread (oldest first) and its anchor. A comment
 * no page shows (waiting for approval, or deleted) leads to its parent's page, where its
 * author sees it, or to the last page, where a new conversation appears.
 */
export async function commentHref(comment: { id: number; essayPath: string; parentId: number | null }): Promise<string> {
  const pages = threadPages(await getCachedThread(comment.essayPath), "oldest");
  const page =
    pageHolding(pages, comment.id) ?? (comment.parentId === null ? undefined : pageHolding(pages, comment.parentId)) ?? pages.length;
  return `${threadPageHref(comment.essayPath, { order: "oldest", page })}#comment-${comment.id}`;
}
