import { describe, expect, it } from "vitest";
import { buildCommentTree, type CommentNode, type TreeComment } from "@/lib/comments/build-tree";
import { rankOf, scoresRevealed, wilsonLowerBound, WILSON_Z } from "@/lib/comments/ranking";

describe("wilsonLowerBound", () => {
  // Reference values from the interval's other textbook form,
  // (2n·p + z² − z·√(z² + 4n·p(1 − p))) / (2(n + z²)), at z = 1.2816, to six places.
  it.each([
    [1, 0, 0.37843],
    [3, 0, 0.646204],
    [5, 0, 0.752729],
    [10, 2, 0.657805],
    [30, 2, 0.858548],
    [100, 50, 0.615767],
    [0, 1, 0],
  ])("%i ▲ and %i ▼ give %f", (up, down, expected) => {
    expect(wilsonLowerBound(up, down)).toBeCloseTo(expected, 6);
  });

  it("uses z = 1.2816, the one-sided 90 % quantile", () => {
    expect(WILSON_Z).toBe(1.2816);
  });

  it("is 0 with no votes and stays within [0, 1)", () => {
    expect(wilsonLowerBound(0, 0)).toBe(0);
    for (const [up, down] of [[0, 5], [1_000_000, 0], [7, 7]]) {
      const bound = wilsonLowerBound(up!, down!);
      expect(bound).toBeGreaterThanOrEqual(0);
      expect(bound).toBeLessThan(1);
    }
  });

  it("prefers the surer comment: 30 ▲ 2 ▼ above 3 ▲ 0 ▼, though its share is lower", () => {
    expect(wilsonLowerBound(30, 2)).toBeGreaterThan(wilsonLowerBound(3, 0));
  });
});

describe("rankOf", () => {
  it("ranks 'valued' by ▲ from readers who disagree, ties broken by 'best'", () => {
    const few = { up: 2, down: 0, upFromDisagreers: 2 };
    const many = { up: 40, down: 0, upFromDisagreers: 1 };
    expect(rankOf("valued", few)).toBeGreaterThan(rankOf("valued", many));
    expect(rankOf("best", many)).toBeGreaterThan(rankOf("best", few));
    expect(rankOf("valued", { up: 9, down: 1, upFromDisagreers: 2 })).toBeGreaterThan(rankOf("valued", { up: 2, down: 1, upFromDisagreers: 2 }));
    expect(rankOf("best", undefined)).toBe(0);
  });
});

describe("scoresRevealed", () => {
  const posted = "2030-01-01T00:00:00.000Z";
  it("hides scores for the window after posting, then shows them", () => {
    expect(scoresRevealed(posted, new Date("2030-01-01T23:59:59.000Z"), 24)).toBe(false);
    expect(scoresRevealed(posted, new Date("2030-01-02T00:00:00.000Z"), 24)).toBe(true);
    expect(scoresRevealed(posted, new Date(posted), 0)).toBe(true);
  });
});

describe("ranked orders in the tree", () => {
  type Row = TreeComment & { rank: number };
  const at = (minute: number) => new Date(Date.UTC(2030, 0, 1, 0, minute));
  const row = (id: number, parentId: number | null, minute: number, rank: number): Row => ({
    id,
    parentId,
    createdAt: at(minute),
    deleted: false,
    status: "published",
    rank,
  });
  const ids = (nodes: CommentNode<Row>[]): unknown[] => nodes.map((n) => (n.children.length ? [n.comment.id, ids(n.children)] : n.comment.id));

  it("sorts siblings by rank, highest first, at every level; equal ranks oldest first", () => {
    const rows = [row(1, null, 0, 0.2), row(2, null, 1, 0.9), row(3, null, 2, 0.2), row(4, 2, 3, 0.1), row(5, 2, 4, 0.5)];
    expect(ids(buildCommentTree(rows, { order: "best" }))).toEqual([[2, [5, 4]], 1, 3]);
    expect(ids(buildCommentTree(rows, { order: "oldest" }))).toEqual([1, [2, [4, 5]], 3]);
  });

  it("treats a comment without a rank as unvoted", () => {
    const rows: TreeComment[] = [{ id: 1, parentId: null, createdAt: at(0), deleted: false, status: "published" }, row(2, null, 1, 0.3)];
    expect(buildCommentTree(rows, { order: "valued" }).map((n) => n.comment.id)).toEqual([2, 1]);
  });
});
