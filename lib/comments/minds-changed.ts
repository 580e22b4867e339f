import type { ThreadRow } from "./cached-queries";

// "N minds changed here" (issue 14): the readers who awarded a Δ under the essay. A reader who
// gave two Δs (to two people) counts once: it is minds that are counted, not awards. A Δ a
// moderator removed does not count; the thread rows carry no Δ on deleted or hidden comments.

export function countMindsChanged(rows: readonly Pick<ThreadRow, "deltas">[]): number {
  const givers = new Set<string>();
  for (const row of rows) for (const delta of row.deltas ?? []) if (delta.removalReason === null) givers.add(delta.giverId);
  return givers.size;
}

/** The list of every Δ under an essay. */
export const mindsChangedHref = (essayPath: string) => `${essayPath}/minds-changed`;

/** The restatement check on the essay (decision 041): disagreeing replies that restated a view, and how many were confirmed. */
export function countRestatements(rows: readonly Pick<ThreadRow, "disagreement">[]): { restated: number; confirmed: number } {
  let restated = 0;
  let confirmed = 0;
  for (const row of rows) {
    if (!row.disagreement?.restatement) continue;
    restated++;
    if (row.disagreement.answer?.verdict === "confirmed") confirmed++;
  }
  return { restated, confirmed };
}
