// What one signed-in reader's browser learns about votes on an essay's thread, beyond the
// public page (decision 037): their own votes, whether those weigh yet, and the tallies the
// herding window hides from everyone else but shows to them — the whole tally of their own
// comments, and the agree/disagree split of comments they took a stance on.
import type { VoteCounts } from "./cached-queries";

export type OwnVote = { value?: "up" | "down"; reason?: "off-topic" | "repetitive" | "no-argument"; stance?: "agree" | "disagree" };

export type PrivateTally = { commentId: number } & ({ kind: "own"; counts: VoteCounts } | { kind: "split"; agree: number; disagree: number });

export type ViewerVoteState = {
  votes: Record<number, OwnVote>;
  tallies: PrivateTally[];
  /** False while the reader's account is younger than VOTE_MIN_ACCOUNT_HOURS: their votes are kept but not counted. */
  weighs: boolean;
};

export const NO_VOTES: ViewerVoteState = { votes: {}, tallies: [], weighs: true };
