// A thread page's comments travel twice: once as HTML and once in the page's hydration data
// (the client thread needs them for inline replies, edits and votes). Most comments hold the
// usual value in most fields — no avatar, never edited, published, not deleted — and the
// hydration copy spelled each of them out on every comment. It now leaves out every field that
// holds its usual value (and every field that is unset), and the browser puts them back.
import type { ThreadRow } from "./cached-queries";

const USUAL = { authorImage: null, moderationReason: null, deleted: false, editedAt: null, status: "published" } as const;
type Usual = keyof typeof USUAL;

/** A ThreadRow with the fields that hold their usual value left out. */
export type CompactRow = Omit<ThreadRow, Usual> & Partial<Pick<ThreadRow, Usual>>;

export function compactRows(rows: readonly ThreadRow[]): CompactRow[] {
  return rows.map((row) => {
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(row)) {
      if (value === undefined) continue;
      if (key in USUAL && USUAL[key as Usual] === value) continue;
      out[key] = value;
    }
    return out as CompactRow;
  });
}

export const expandRows = (rows: readonly CompactRow[]): ThreadRow[] => rows.map((row) => ({ ...USUAL, ...row }));
