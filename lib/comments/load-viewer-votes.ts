import "server-only";
import { getViewerVotes, getVoterSince } from "@/db/queries/votes";
import { env } from "@/env.js";
import { getCachedThread, getCachedThreadVotes } from "./cached-queries";
import { scoresRevealed } from "./ranking";
import type { OwnVote, PrivateTally, ViewerVoteState } from "./viewer-vote-state";

/**
 * The reader's vote state on one essay (lib/comments/viewer-vote-state.ts). Three reads, none
 * per comment: their votes, their account's age, and the thread's cached rows and tallies
 * (the same cache entries the page uses; a vote refreshes the tallies').
 */
export async function loadViewerVotes({ viewerId, essayPath, now = new Date() }: { viewerId: string; essayPath: string; now?: Date }): Promise<ViewerVoteState> {
  const [rows, tallies, ownVotes, since] = await Promise.all([
    getCachedThread(essayPath),
    getCachedThreadVotes(essayPath),
    getViewerVotes({ voterId: viewerId, essayPath }),
    getVoterSince({ voterId: viewerId }),
  ]);
  const votes: Record<number, OwnVote> = {};
  for (const vote of ownVotes) {
    const mine = (votes[vote.commentId] ??= {});
    if (vote.axis === "stance") mine.stance = vote.value as OwnVote["stance"];
    else {
      mine.value = vote.value as OwnVote["value"];
      if (vote.reason) mine.reason = vote.reason;
    }
  }
  const tallyOf = new Map(tallies.map((tally) => [tally.commentId, tally]));
  const privateTallies: PrivateTally[] = [];
  for (const row of rows) {
    const { commentId: _, ...counts } = tallyOf.get(row.id) ?? { commentId: row.id, up: 0, down: 0, agree: 0, disagree: 0, upFromDisagreers: 0 };
    if (row.authorId === viewerId) privateTallies.push({ commentId: row.id, kind: "own", counts });
    else if (votes[row.id]?.stance && !scoresRevealed(row.createdAt, now, env.VOTES_HIDDEN_HOURS)) {
      privateTallies.push({ commentId: row.id, kind: "split", agree: counts.agree, disagree: counts.disagree });
    }
  }
  const weighs = since !== undefined && now.getTime() - since.getTime() >= env.VOTE_MIN_ACCOUNT_HOURS * 3_600_000;
  return { votes, tallies: privateTallies, weighs };
}
