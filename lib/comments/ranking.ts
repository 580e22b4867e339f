// How votes rank comments (docs/decisions/037-value-and-stance-voted-apart.md). Pure and free
// of Node APIs. Only the value axis ranks: stance (agree/disagree) enters nothing here except
// as the definition of whose ▲ counts in "valued across disagreement".

/** The one-sided 90 % normal quantile: the lower bound is what a comment's ▲ share is, with 90 % confidence, at least. */
export const WILSON_Z = 1.2816;

/**
 * Lower bound of the Wilson score interval for `up` successes in `up + down` trials: a comment
 * with 3 ▲ and no ▼ ranks below one with 30 ▲ and 2 ▼, because one is far surer than the other.
 * 0 for a comment nobody has voted on.
 */
export function wilsonLowerBound(up: number, down: number, z: number = WILSON_Z): number {
  const n = up + down;
  if (n <= 0) return 0;
  const p = up / n;
  const z2 = z * z;
  return (p + z2 / (2 * n) - z * Math.sqrt((p * (1 - p) + z2 / (4 * n)) / n)) / (1 + z2 / n);
}

/** The value votes of a comment, as ranking reads them: no stance in it, by construction. */
export type ValueTally = { up: number; down: number; upFromDisagreers: number };

export type RankedOrder = "best" | "valued";

/**
 * A comment's rank in `order`, higher first. "valued": ▲ from readers who disagree with it,
 * ties broken by "best" (the bound is below 1, so it never outweighs one more such ▲).
 */
export function rankOf(order: RankedOrder, tally: ValueTally | undefined): number {
  if (!tally) return 0;
  const best = wilsonLowerBound(tally.up, tally.down);
  return order === "best" ? best : tally.upFromDisagreers + best;
}

/** The badge shows from this many ▲ by readers who disagree: one could be a friend. */
export const VALUED_BADGE_MIN = 2;

/**
 * Whether a comment's scores are shown to everyone yet: they stay hidden for `hiddenHours`
 * after it was posted (VOTES_HIDDEN_HOURS), so early votes cannot herd later ones.
 */
export function scoresRevealed(createdAt: string | Date, now: Date, hiddenHours: number): boolean {
  const posted = typeof createdAt === "string" ? Date.parse(createdAt) : createdAt.getTime();
  return now.getTime() - posted >= hiddenHours * 3_600_000;
}
