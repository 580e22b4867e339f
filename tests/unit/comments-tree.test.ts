import { describe, expect, it } from "vitest";
import { buildCommentTree, countVisibleComments, type CommentNode, type TreeComment } from "@/lib/comments/build-tree";

type Row = TreeComment & { text: string };

const base = Date.parse("2030-01-01T00:00:00.000Z");

/** A comment posted `minute` minutes after base; `text` names it in assertions. */
function row(id: number, parentId: number | null, minute: number, extra: Partial<Row> = {}): Row {
  return { id, parentId, createdAt: new Date(base + minute * 60_000), deleted: false, status: "published", text: `c${id}`, ...extra };
}

/** The tree as nested [id, children] pairs, easy to compare. */
type Shape = [number, Shape[]] | number;
function shape(nodes: CommentNode<Row>[]): Shape[] {
  return nodes.map((node) => (node.children.length ? [node.comment.id, shape(node.children)] : node.comment.id));
}

/** Every node, depth-first, without recursion (the trees here can be 5,000 deep). */
function flatten(nodes: CommentNode<Row>[]): CommentNode<Row>[] {
  const out: CommentNode<Row>[] = [];
  const stack = [...nodes].reverse();
  while (stack.length) {
    const node = stack.pop()!;
    out.push(node);
    for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
  }
  return out;
}

function byId(nodes: CommentNode<Row>[], id: number): CommentNode<Row> {
  const node = flatten(nodes).find((candidate) => candidate.comment.id === id);
  if (!node) throw new Error(`no node ${id}`);
  return node;
}

/** Deterministic shuffle (a fixed-seed LCG), so a failure can be replayed. */
function shuffled<T>(items: readonly T[], seed = 7): T[] {
  const out = [...items];
  let state = seed;
  for (let i = out.length - 1; i > 0; i--) {
    state = (state * 1_103_515_245 + 12_345) % 2 ** 31;
    const j = state % (i + 1);
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

// 1 ─┬─ 3 ─── 6
//    └─ 2 ─┬─ 5
//          └─ 4
// 7
// (minutes: 1@0, 2@5, 3@2, 4@6, 5@8, 6@3, 7@1)
const thread: Row[] = [row(1, null, 0), row(2, 1, 5), row(3, 1, 2), row(4, 2, 6), row(5, 2, 8), row(6, 3, 3), row(7, null, 1)];

describe("buildCommentTree", () => {
  it("builds the same tree from any input order, oldest first at every level", () => {
    const expected: Shape[] = [[1, [[3, [6]], [2, [4, 5]]]], 7];
    expect(shape(buildCommentTree(thread, { order: "oldest" }))).toEqual(expected);
    for (const seed of [1, 2, 3, 4, 5]) {
      expect(shape(buildCommentTree(shuffled(thread, seed), { order: "oldest" }))).toEqual(expected);
    }
  });

  it("puts the newest first at every level when asked", () => {
    expect(shape(buildCommentTree(shuffled(thread), { order: "newest" }))).toEqual([7, [1, [[2, [5, 4]], [3, [6]]]]]);
  });

  it("breaks ties on createdAt by id, and accepts ISO strings for createdAt", () => {
    const same = "2030-01-01T00:00:00.000Z";
    const rows = [
      { ...row(12, null, 0), createdAt: same },
      { ...row(10, null, 0), createdAt: same },
      { ...row(11, null, 0), createdAt: same },
    ];
    expect(shape(buildCommentTree(rows, { order: "oldest" }))).toEqual([10, 11, 12]);
    expect(shape(buildCommentTree(rows, { order: "newest" }))).toEqual([12, 11, 10]);
  });

  it("gives each node its true depth and its count of visible replies at any depth", () => {
    const tree = buildCommentTree(thread, { order: "oldest" });
    expect(flatten(tree).map((node) => [node.comment.id, node.depth, node.replyCount])).toEqual([
      [1, 0, 5],
      [3, 1, 1],
      [6, 2, 0],
      [2, 1, 2],
      [4, 2, 0],
      [5, 2, 0],
      [7, 0, 0],
    ]);
    expect(flatten(tree).every((node) => node.tombstone === null && !node.orphan)).toBe(true);
  });

  it("keeps a deleted parent with live replies as a tombstone, not counted as a reply", () => {
    const rows = thread.map((comment) => (comment.id === 2 ? { ...comment, deleted: true } : comment));
    const tree = buildCommentTree(rows, { order: "oldest" });
    expect(shape(tree)).toEqual([[1, [[3, [6]], [2, [4, 5]]]], 7]);
    expect(byId(tree, 2).tombstone).toBe("deleted");
    expect(byId(tree, 2).replyCount).toBe(2);
    expect(byId(tree, 1).replyCount).toBe(4);
    expect(countVisibleComments(rows)).toBe(6);
  });

  it("drops a deleted leaf", () => {
    const rows = thread.map((comment) => (comment.id === 6 ? { ...comment, deleted: true } : comment));
    const tree = buildCommentTree(rows, { order: "oldest" });
    expect(shape(tree)).toEqual([[1, [3, [2, [4, 5]]]], 7]);
    expect(byId(tree, 3).replyCount).toBe(0);
    expect(byId(tree, 1).replyCount).toBe(4);
  });

  it("drops a whole chain in which every comment is deleted", () => {
    const rows = [
      row(1, null, 0),
      row(2, 1, 1, { deleted: true }),
      row(3, 2, 2, { deleted: true }),
      row(4, 3, 3, { deleted: true }),
      row(5, 1, 4),
    ];
    const tree = buildCommentTree(rows, { order: "oldest" });
    expect(shape(tree)).toEqual([[1, [5]]]);
    expect(byId(tree, 1).replyCount).toBe(1);
  });

  it("keeps a chain of deleted comments as tombstones when a live reply sits at its end", () => {
    const rows = [row(1, null, 0, { deleted: true }), row(2, 1, 1, { deleted: true }), row(3, 2, 2)];
    const tree = buildCommentTree(rows, { order: "oldest" });
    expect(shape(tree)).toEqual([[1, [[2, [3]]]]]);
    expect(flatten(tree).map((node) => [node.tombstone, node.replyCount])).toEqual([
      ["deleted", 1],
      ["deleted", 1],
      [null, 0],
    ]);
  });

  it("keeps hidden comments as tombstones, with or without replies, not counted as replies", () => {
    const rows = [
      row(1, null, 0, { status: "hidden" }),
      row(2, 1, 1),
      row(3, null, 2, { status: "hidden" }),
      row(4, 3, 3, { status: "hidden" }),
      row(5, null, 4, { status: "hidden", deleted: true }),
      row(6, 5, 5),
      row(7, null, 6, { status: "hidden" }),
    ];
    const tree = buildCommentTree(rows, { order: "oldest" });
    expect(shape(tree)).toEqual([[1, [2]], [3, [4]], [5, [6]], 7]);
    expect(flatten(tree).map((node) => [node.comment.id, node.tombstone, node.replyCount])).toEqual([
      [1, "hidden", 1],
      [2, null, 0],
      [3, "hidden", 0],
      [4, "hidden", 0],
      [5, "deleted", 1],
      [6, null, 0],
      [7, "hidden", 0],
    ]);
    expect(countVisibleComments(rows)).toBe(2);
  });

  it("never quietly drops a moderated comment: a hidden leaf stays, and keeps its deleted parents", () => {
    const rows = [
      row(1, null, 0),
      row(2, 1, 1, { status: "hidden" }),
      row(3, null, 2, { deleted: true }),
      row(4, 3, 3, { deleted: true }),
      row(5, 4, 4, { status: "hidden" }),
    ];
    const tree = buildCommentTree(shuffled(rows), { order: "oldest" });
    expect(shape(tree)).toEqual([[1, [2]], [3, [[4, [5]]]]]);
    expect(flatten(tree).map((node) => [node.comment.id, node.tombstone, node.replyCount])).toEqual([
      [1, null, 0],
      [2, "hidden", 0],
      [3, "deleted", 0],
      [4, "deleted", 0],
      [5, "hidden", 0],
    ]);
  });

  it("drops a comment its author deleted after a moderator hid it, when nothing hangs below it", () => {
    const rows = [row(1, null, 0), row(2, 1, 1, { status: "hidden", deleted: true }), row(3, null, 2, { status: "hidden", deleted: true })];
    expect(shape(buildCommentTree(rows, { order: "oldest" }))).toEqual([1]);
  });

  it("shows replies whose parent is missing as roots marked orphan, in order among the roots", () => {
    const rows = [row(1, null, 0), row(2, 99, 1), row(3, 2, 2), row(4, null, 3), row(5, 98, 4, { deleted: true })];
    const tree = buildCommentTree(rows, { order: "oldest" });
    expect(shape(tree)).toEqual([1, [2, [3]], 4]);
    expect(byId(tree, 2).orphan).toBe(true);
    expect(byId(tree, 3).orphan).toBe(false);
    expect(byId(tree, 3).depth).toBe(1);
  });

  it("survives cycles: each loop is cut at its oldest comment, whatever the input order", () => {
    const rows = [
      row(1, 3, 0),
      row(2, 1, 1),
      row(3, 2, 2),
      row(4, 3, 3), // hangs off the loop
      row(5, 5, 4), // its own parent
      row(6, null, 5),
    ];
    for (const seed of [1, 2, 3]) {
      const tree = buildCommentTree(shuffled(rows, seed), { order: "oldest" });
      expect(shape(tree)).toEqual([[1, [[2, [[3, [4]]]]]], 5, 6]);
      expect(byId(tree, 1).orphan).toBe(true);
      expect(byId(tree, 5).orphan).toBe(true);
      expect(byId(tree, 4).depth).toBe(3);
    }
    expect(shape(buildCommentTree(rows, { order: "newest" }))).toEqual([6, 5, [1, [[2, [[3, [4]]]]]]]);
  });

  it("keeps the first row of a repeated id", () => {
    const rows = [row(1, null, 0), row(2, 1, 1), { ...row(2, null, 2), text: "again" }];
    const tree = buildCommentTree(rows, { order: "oldest" });
    expect(shape(tree)).toEqual([[1, [2]]]);
    expect(byId(tree, 2).comment.text).toBe("c2");
    expect(countVisibleComments(rows)).toBe(2);
  });

  it("returns an empty thread for no comments", () => {
    expect(buildCommentTree([], { order: "oldest" })).toEqual([]);
    expect(countVisibleComments([])).toBe(0);
  });

  it("builds a 5,000-deep chain without overflowing the stack", () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => row(i + 1, i === 0 ? null : i, i));
    const tree = buildCommentTree(shuffled(rows), { order: "newest" });
    expect(tree).toHaveLength(1);
    expect(tree[0]!.replyCount).toBe(4_999);
    const nodes = flatten(tree);
    expect(nodes).toHaveLength(5_000);
    expect(nodes.at(-1)!.depth).toBe(4_999);
    expect(nodes.at(-1)!.comment.id).toBe(5_000);
  });

  it("drops a 5,000-deep chain of deleted comments entirely, and keeps it for one live reply at its end", () => {
    const rows = Array.from({ length: 5_000 }, (_, i) => row(i + 1, i === 0 ? null : i, i, { deleted: true }));
    expect(buildCommentTree(rows, { order: "oldest" })).toEqual([]);
    rows[4_999] = { ...rows[4_999]!, deleted: false };
    const tree = buildCommentTree(rows, { order: "oldest" });
    expect(flatten(tree)).toHaveLength(5_000);
    expect(tree[0]!.tombstone).toBe("deleted");
  });

  it("builds a 5,000-comment thread", () => {
    // Replies spread over a few levels, given in reverse order.
    const rows = Array.from({ length: 5_000 }, (_, i) => row(i + 1, i < 100 ? null : Math.floor(i / 3), i, { deleted: i % 7 === 0 }));
    const tree = buildCommentTree(rows.reverse(), { order: "oldest" });
    const nodes = flatten(tree);
    const visible = countVisibleComments(rows);
    expect(nodes.filter((node) => node.tombstone === null)).toHaveLength(visible);
    expect(tree.reduce((sum, root) => sum + root.replyCount + (root.tombstone ? 0 : 1), 0)).toBe(visible);
  });
});

describe("countVisibleComments", () => {
  it("counts comments that are neither deleted nor hidden", () => {
    expect(
      countVisibleComments([
        row(1, null, 0),
        row(2, 1, 1, { deleted: true }),
        row(3, 1, 2, { status: "hidden" }),
        row(4, 99, 3),
      ]),
    ).toBe(2);
  });
});

describe("retracted comments", () => {
  const retraction = { at: "2030-01-01T01:00:00.000Z", note: null, causeId: null };
  // c2 is the oldest reply and ranks highest, but its author retracted it.
  const rows = [row(1, null, 0), row(2, 1, 1, { retraction, rank: 0.9 }), row(3, 1, 2, { rank: 0.2 }), row(4, 1, 3, { rank: 0.5 }), row(5, null, 4, { retraction }), row(6, null, 5)];

  it("go after their unretracted siblings in every order, which otherwise holds among each group", () => {
    expect(shape(buildCommentTree(rows, { order: "oldest" }))).toEqual([[1, [3, 4, 2]], 6, 5]);
    expect(shape(buildCommentTree(rows, { order: "newest" }))).toEqual([6, [1, [4, 3, 2]], 5]);
    expect(shape(buildCommentTree(rows, { order: "best" }))).toEqual([[1, [4, 3, 2]], 6, 5]);
    expect(shape(buildCommentTree(rows, { order: "valued" }))).toEqual([[1, [4, 3, 2]], 6, 5]);
  });

  it("keep their replies and stay counted", () => {
    const all = [...rows, row(7, 5, 6)];
    const tree = buildCommentTree(all, { order: "oldest" });
    expect(byId(tree, 5).children.map((child) => child.comment.id)).toEqual([7]);
    expect(byId(tree, 5).tombstone).toBeNull();
    expect(countVisibleComments(all)).toBe(7);
  });
});
