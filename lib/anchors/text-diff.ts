// A character diff of one block's text between two revisions (Myers' O(ND) algorithm), reduced to
// what re-anchoring needs: for each character of the old text, where it is in the new one, or that
// it is gone. Blocks are paragraphs, so N is a few thousand at most; the common prefix and suffix
// are trimmed first, which makes the usual edit (a few words changed) cost almost nothing.

/** kept[i] is the index in the new text of old character i, or -1 when the edit removed it. */
export type CharMap = { kept: Int32Array; oldLength: number; newLength: number };

export function diffChars(before: string, after: string): CharMap {
  const kept = new Int32Array(before.length).fill(-1);
  let head = 0;
  while (head < before.length && head < after.length && before[head] === after[head]) {
    kept[head] = head;
    head += 1;
  }
  let tail = 0;
  while (tail < before.length - head && tail < after.length - head && before[before.length - 1 - tail] === after[after.length - 1 - tail]) {
    kept[before.length - 1 - tail] = after.length - 1 - tail;
    tail += 1;
  }
  const a = before.slice(head, before.length - tail);
  const b = after.slice(head, after.length - tail);
  for (const [i, j] of commonPairs(a, b)) kept[head + i] = head + j;
  return { kept, oldLength: before.length, newLength: after.length };
}

// Beyond this many inserted or removed characters the block was rewritten, not edited: nothing in
// its middle counts as kept (the trace would cost O(D²) memory), and anchors there fall to the
// fuzzy search (reanchor.ts).
const MAX_EDIT_DISTANCE = 1500;

/** Matched (old index, new index) pairs of a shortest edit script, in order. */
function commonPairs(a: string, b: string): [number, number][] {
  const n = a.length;
  const m = b.length;
  if (n === 0 || m === 0) return [];
  const limit = Math.min(n + m, MAX_EDIT_DISTANCE);
  // v[k] (k from -d to d) is stored at k + limit + 1; trace[d] keeps v as it was before round d.
  const base = limit + 1;
  const v = new Int32Array(2 * limit + 3);
  const trace: Int32Array[] = [];
  let reached = false;
  outer: for (let d = 0; d <= limit; d += 1) {
    trace.push(v.slice(base - d - 1, base + d + 2));
    for (let k = -d; k <= d; k += 2) {
      let x = k === -d || (k !== d && v[base + k - 1]! < v[base + k + 1]!) ? v[base + k + 1]! : v[base + k - 1]! + 1;
      let y = x - k;
      while (x < n && y < m && a[x] === b[y]) {
        x += 1;
        y += 1;
      }
      v[base + k] = x;
      if (x >= n && y >= m) {
        reached = true;
        break outer;
      }
    }
  }
  if (!reached) return [];
  // Walk back from (n, m), collecting the diagonal (matching) steps.
  const pairs: [number, number][] = [];
  let x = n;
  let y = m;
  for (let d = trace.length - 1; d >= 0; d -= 1) {
    const row = trace[d]!;
    const at = (k: number) => row[k + d + 1]!;
    const k = x - y;
    const previousK = k === -d || (k !== d && at(k - 1) < at(k + 1)) ? k + 1 : k - 1;
    const previousX = d === 0 ? 0 : at(previousK);
    const previousY = d === 0 ? 0 : previousX - previousK;
    while (x > previousX && y > previousY) {
      x -= 1;
      y -= 1;
      pairs.push([x, y]);
    }
    x = previousX;
    y = previousY;
  }
  return pairs.reverse();
}

/**
 * Where the old range [start, end) is in the new text: from the first kept character in it to the
 * last, and whether every character of it was kept, contiguously (the quoted words are untouched).
 */
export function mapRange(map: CharMap, start: number, end: number): { start: number; end: number; intact: boolean } | null {
  let first = -1;
  let last = -1;
  let intact = true;
  for (let i = start; i < end; i += 1) {
    const j = map.kept[i]!;
    if (j < 0) {
      intact = false;
      continue;
    }
    if (first < 0) first = j;
    else if (j !== last + 1) intact = false;
    last = j;
  }
  if (first < 0) return null;
  return { start: first, end: last + 1, intact };
}
