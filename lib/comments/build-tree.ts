// Builds the thread readers see from comments stored flat (id + parentId). Pure and
// free of Node APIs: it runs on the server and in the browser. Every walk is iterative,
// so a 5,000-deep chain of replies cannot overflow the stack.

/** What the builder needs of a comment (a ThreadComment from db/queries/comments.ts fits). */
export type TreeComment = {
  id: number;
  parentId: number | null;
  /** A Date, or an ISO string (what a Date becomes after crossing to the browser as JSON). */
  createdAt: Date | string;
  deleted: boolean;
  status: string;
  /**
   * Its place among its siblings in the "best" and "valued" orders, higher first; computed on
   * the server from the value votes (lib/comments/ranking.ts). Absent counts as 0.
   */
  rank?: number;
  /** Set on a comment its author retracted: it goes after its unretracted siblings, in every order. */
  retraction?: object | null;
};

/** "best" and "valued" rank by votes (decision 037); the others by time. */
export type CommentOrder = "oldest" | "newest" | "best" | "valued";

export const COMMENT_ORDERS: readonly CommentOrder[] = ["oldest", "newest", "best", "valued"];

export type CommentNode<T extends TreeComment> = {
  comment: T;
  children: CommentNode<T>[];
  /** 0 for a root; the true depth (the UI caps indentation, not this). */
  depth: number;
  /** Visible comments below this one, at any depth (tombstones are not counted). */
  replyCount: number;
  /**
   * Set when the comment's text is not shown: "deleted" (by its author) stays only to keep its
   * visible replies in place; "hidden" (by a moderator) always stays, so moderation never
   * quietly erases a side of the argument.
   */
  tombstone: "deleted" | "hidden" | null;
  /** A reply whose parent is not in the list (or sits in a cycle), shown as a root instead. */
  orphan: boolean;
};

/** Visible means neither deleted by its author nor hidden by a moderator. */
function isVisible(comment: TreeComment): boolean {
  return !comment.deleted && comment.status !== "hidden";
}

/** A moderator's removal shows as "[removed by a moderator]" even with no replies; the author's own deletion does not. */
function keepsTombstone(comment: TreeComment): boolean {
  return !comment.deleted && comment.status === "hidden";
}

function timeOf(createdAt: Date | string): number {
  const ms = typeof createdAt === "string" ? Date.parse(createdAt) : createdAt.getTime();
  return Number.isNaN(ms) ? 0 : ms;
}

/**
 * Roots of the thread, siblings sorted in `order` at every level: by createdAt (then id), or
 * by rank (ties oldest first).
 * A hidden comment always stays, as a tombstone. A deleted one is dropped unless something
 * that stays (a visible reply, or a hidden one) hangs below it, in which case it stays as a
 * tombstone too. Input may be in any order; a repeated id keeps its first row.
 */
export function buildCommentTree<T extends TreeComment>(rows: readonly T[], { order }: { order: CommentOrder }): CommentNode<T>[] {
  // Index i refers to comments[i] throughout; ids are only looked up once.
  const comments: T[] = [];
  const indexById = new Map<number, number>();
  for (const row of rows) {
    if (indexById.has(row.id)) continue;
    indexById.set(row.id, comments.length);
    comments.push(row);
  }
  const count = comments.length;
  const times = comments.map((comment) => timeOf(comment.createdAt));
  const oldestFirst = (a: number, b: number) => times[a]! - times[b]! || comments[a]!.id - comments[b]!.id;
  const ranks = comments.map((comment) => comment.rank ?? 0);
  const retracted = comments.map((comment) => (comment.retraction ? 1 : 0));
  const inOrder =
    order === "newest"
      ? (a: number, b: number) => oldestFirst(b, a)
      : order === "oldest"
        ? oldestFirst
        : (a: number, b: number) => ranks[b]! - ranks[a]! || oldestFirst(a, b);
  // A retraction says "do not weigh this any more": whatever the order, it follows the rest.
  const compare = (a: number, b: number) => retracted[a]! - retracted[b]! || inOrder(a, b);

  // parent[i] is the index of i's parent, or -1 for a root.
  const parent = new Int32Array(count).fill(-1);
  const orphan = new Uint8Array(count);
  for (let i = 0; i < count; i++) {
    const parentId = comments[i]!.parentId;
    if (parentId === null) continue;
    const p = indexById.get(parentId);
    if (p === undefined) orphan[i] = 1;
    else parent[i] = p;
  }
  breakCycles(parent, orphan, oldestFirst);

  const children: number[][] = Array.from({ length: count }, () => []);
  const roots: number[] = [];
  for (let i = 0; i < count; i++) {
    const p = parent[i]!;
    if (p === -1) roots.push(i);
    else children[p]!.push(i);
  }
  roots.sort(compare);
  for (const list of children) if (list.length > 1) list.sort(compare);

  // Breadth-first from the roots: parents come before their children in `walk`.
  const depth = new Int32Array(count);
  const walk = [...roots];
  for (let k = 0; k < walk.length; k++) {
    const i = walk[k]!;
    for (const child of children[i]!) {
      depth[child] = depth[i]! + 1;
      walk.push(child);
    }
  }

  // Children before parents: count visible descendants and decide what to keep.
  const replyCount = new Int32Array(count);
  const keep = new Uint8Array(count);
  for (let k = walk.length - 1; k >= 0; k--) {
    const i = walk[k]!;
    const visible = isVisible(comments[i]!);
    if (visible || keepsTombstone(comments[i]!) || replyCount[i]! > 0) keep[i] = 1;
    const p = parent[i]!;
    if (p === -1) continue;
    replyCount[p]! += replyCount[i]! + (visible ? 1 : 0);
    // A kept child keeps its parent, even when no visible reply sits below either.
    if (keep[i]) keep[p] = 1;
  }

  const nodes: (CommentNode<T> | undefined)[] = new Array(count);
  for (const i of walk) {
    if (!keep[i]) continue;
    const comment = comments[i]!;
    nodes[i] = {
      comment,
      children: [],
      depth: depth[i]!,
      replyCount: replyCount[i]!,
      tombstone: isVisible(comment) ? null : comment.deleted ? "deleted" : "hidden",
      orphan: orphan[i] === 1,
    };
  }
  // `walk` lists each parent's children in their sorted order, so pushing keeps that order.
  const result: CommentNode<T>[] = [];
  for (const i of walk) {
    const node = nodes[i];
    if (!node) continue;
    const p = parent[i]!;
    if (p === -1) result.push(node);
    else nodes[p]!.children.push(node);
  }
  return result;
}

/**
 * A parentId chain that loops back on itself never reaches a root. Each loop is cut at its
 * oldest comment (which becomes a root marked orphan), so the result depends neither on the
 * input order nor on the display order. parent[] is a functional graph: following it from an
 * unfinished node either ends at a root (-1), at a finished node, or on the current path.
 */
function breakCycles(parent: Int32Array, orphan: Uint8Array, oldestFirst: (a: number, b: number) => number): void {
  const unvisited = 0;
  const onPath = 1;
  const done = 2;
  const state = new Uint8Array(parent.length);
  for (let start = 0; start < parent.length; start++) {
    if (state[start] !== unvisited) continue;
    const path: number[] = [];
    let i = start;
    while (i !== -1 && state[i] === unvisited) {
      state[i] = onPath;
      path.push(i);
      i = parent[i]!;
    }
    if (i !== -1 && state[i] === onPath) {
      const loop = path.slice(path.indexOf(i));
      const first = loop.reduce((a, b) => (oldestFirst(a, b) <= 0 ? a : b));
      parent[first] = -1;
      orphan[first] = 1;
    }
    for (const j of path) state[j] = done;
  }
}

/** How many comments a reader can read (neither deleted nor hidden); each id counts once. */
export function countVisibleComments(rows: readonly TreeComment[]): number {
  const seen = new Set<number>();
  let visible = 0;
  for (const row of rows) {
    if (seen.has(row.id)) continue;
    seen.add(row.id);
    if (isVisible(row)) visible++;
  }
  return visible;
}
