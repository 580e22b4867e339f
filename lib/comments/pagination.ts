// A thread is read in pages of whole conversations, so an essay page stays the same size
// whether it has ten comments or ten thousand (docs/decisions/016). Pure and free of Node
// APIs: the server pages the thread, the browser never needs to.
import type { CommentNode, CommentOrder, TreeComment } from "./build-tree";

/** Where a page of the thread sits: its order and its number, from 1. */
export type ThreadPageRef = { order: CommentOrder; page: number };

/** Comments shown in a conversation: the root and every reply kept below it (tombstones too). */
export function conversationSize(root: CommentNode<TreeComment>): number {
  let size = 0;
  const stack = [root];
  while (stack.length) {
    const node = stack.pop()!;
    size++;
    for (const child of node.children) stack.push(child);
  }
  return size;
}

/**
 * Splits conversations (already in reading order) into pages of at most `limit` comments
 * (COMMENTS_PER_PAGE), filled in order; a conversation is never cut, so one longer than
 * `limit` is a page of its own. Always at least one page, empty for an empty thread.
 */
export function pageConversations<T extends TreeComment>(roots: readonly CommentNode<T>[], limit: number): CommentNode<T>[][] {
  const pages: CommentNode<T>[][] = [[]];
  let filled = 0;
  for (const root of roots) {
    const size = conversationSize(root);
    if (filled > 0 && filled + size > limit) {
      pages.push([]);
      filled = 0;
    }
    pages[pages.length - 1]!.push(root);
    filled += size;
  }
  return pages;
}

/** Every comment in these conversations, parents before replies: what a page hands its thread. */
export function commentsIn<T extends TreeComment>(roots: readonly CommentNode<T>[]): T[] {
  const out: T[] = [];
  const stack = [...roots].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    out.push(node.comment);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return out;
}

/** The page (from 1) holding comment `id`, or undefined when no page shows it. */
export function pageHolding<T extends TreeComment>(pages: readonly CommentNode<T>[][], id: number): number | undefined {
  for (let index = 0; index < pages.length; index++) {
    if (commentsIn(pages[index]!).some((comment) => comment.id === id)) return index + 1;
  }
  return undefined;
}

/**
 * Page numbers to offer around `current` out of `total`: the first, the last, and two on
 * each side of the current one; null marks a gap ("…").
 */
export function pageNumbersAround(current: number, total: number): (number | null)[] {
  const shown = new Set<number>([1, total]);
  for (let page = current - 2; page <= current + 2; page++) if (page >= 1 && page <= total) shown.add(page);
  const sorted = [...shown].sort((a, b) => a - b);
  const out: (number | null)[] = [];
  for (const page of sorted) {
    const previous = out[out.length - 1];
    if (typeof previous === "number" && page - previous > 1) out.push(page - previous === 2 ? page - 1 : null);
    out.push(page);
  }
  return out;
}

/** The address of a page of an essay's thread; the first page in oldest-first order is the essay itself. */
export function threadPageHref(essayPath: string, { order, page }: ThreadPageRef): string {
  const base = order === "oldest" ? `${essayPath}/comments` : `${essayPath}/comments/${order}`;
  if (page <= 1) return order === "oldest" ? essayPath : base;
  return `${base}/${page}`;
}

/** The orders with a segment of their own after `/comments/` ("oldest" is the default, without one). */
const NAMED_ORDERS = new Set<string>(["newest", "best", "valued"]);

/**
 * Reads the segments after `<essay>/comments/`: ["2"], ["newest"], ["best", "3"]. Returns
 * null for anything else. A page that has a shorter address ("1", "newest/1", "007") is
 * returned with `canonical: false`, for a redirect.
 */
export function parseThreadPageSegments(segments: readonly string[]): (ThreadPageRef & { canonical: boolean }) | null {
  const [first, second, ...rest] = segments;
  if (rest.length > 0 || first === undefined) return null;
  const order = (NAMED_ORDERS.has(first) ? first : "oldest") as CommentOrder;
  const number = order !== "oldest" ? second : second === undefined ? first : undefined;
  if (order !== "oldest" && number === undefined) return { order, page: 1, canonical: true };
  if (number === undefined || !/^\d{1,6}$/.test(number)) return null;
  const page = Number(number);
  if (page < 1) return null;
  return { order, page, canonical: String(page) === number && page > 1 };
}
