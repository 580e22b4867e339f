// The pure part of a thread page (./thread-page.ts reads the cache and the environment, then
// calls these): votes attached to the rows, and the rows split into pages in an order. Kept
// apart so tests compute a page exactly as the page does, from a real database's tallies.
import type { ThreadComment } from "@/db/queries/comments";
import type { VoteTally } from "@/db/queries/votes";
import { buildCommentTree, type CommentNode, type CommentOrder } from "./build-tree";
import type { ThreadRow } from "./cached-queries";
import { pageConversations } from "./pagination";
import { rankOf, scoresRevealed } from "./ranking";

/** A thread's rows as the cache stores them: dates as ISO strings. */
export const toThreadRows = (comments: readonly ThreadComment[]): ThreadRow[] =>
  comments.map(({ retraction, deltas, disagreement, ...row }) => ({
    ...row,
    editedAt: row.editedAt ? new Date(row.editedAt).toISOString() : null,
    createdAt: new Date(row.createdAt).toISOString(),
    ...(retraction && { retraction: { ...retraction, at: new Date(retraction.at).toISOString() } }),
    ...(deltas.length > 0 && { deltas: deltas.map((delta) => ({ ...delta, at: new Date(delta.at).toISOString() })) }),
    ...(disagreement && {
      disagreement: {
        restatement: disagreement.restatement,
        answer: disagreement.answer && { ...disagreement.answer, at: new Date(disagreement.answer.at).toISOString() },
      },
    }),
  }));

/** The thread's pages in `order`, `perPage` comments at most (COMMENTS_PER_PAGE), conversations never cut. */
export const threadPages = <T extends ThreadRow>(rows: T[], order: CommentOrder, perPage: number): CommentNode<T>[][] =>
  pageConversations(buildCommentTree(rows, { order }), perPage);

/**
 * Each comment's rank in a ranked order, and its counts once they are shown to everyone
 * (decision 037; hiddenHours: VOTES_HIDDEN_HOURS). Decided at render time: the page is rendered
 * again within the hour (`revalidate`) or at the next vote, so hidden scores appear soon after
 * their window ends.
 */
export function attachVotes(rows: ThreadRow[], tallies: VoteTally[], order: CommentOrder, { now, hiddenHours }: { now: Date; hiddenHours: number }): ThreadRow[] {
  const byComment = new Map(tallies.map((tally) => [tally.commentId, tally]));
  return rows.map((row) => {
    const tally = byComment.get(row.id);
    const rank = order === "best" || order === "valued" ? rankOf(order, tally) : undefined;
    if (!scoresRevealed(row.createdAt, now, hiddenHours)) return { ...row, rank, votesHidden: true };
    if (!tally) return rank === undefined ? row : { ...row, rank };
    const { commentId: _, ...votes } = tally;
    return { ...row, rank, votes };
  });
}
