import { describe, expect, it } from "vitest";
import { buildCommentTree, type TreeComment } from "@/lib/comments/build-tree";
import {
  commentsIn,
  conversationSize,
  pageConversations,
  pageHolding,
  pageNumbersAround,
  parseThreadPageSegments,
  threadPageHref,
} from "@/lib/comments/pagination";

type Row = TreeComment & { id: number };
let clock = 0;
const row = (id: number, parentId: number | null, extra: Partial<Row> = {}): Row => ({
  id,
  parentId,
  createdAt: new Date(Date.UTC(2024, 0, 1) + ++clock * 1000).toISOString(),
  deleted: false,
  status: "published",
  ...extra,
});

/** Conversations of the given sizes: a root, then replies chained below it. Ids count from 1. */
function thread(sizes: number[]): Row[] {
  const rows: Row[] = [];
  for (const size of sizes) {
    let parent: number | null = null;
    for (let i = 0; i < size; i++) {
      const id = rows.length + 1;
      rows.push(row(id, parent));
      parent = id;
    }
  }
  return rows;
}

const idsOf = (pages: ReturnType<typeof pageConversations<Row>>) => pages.map((page) => commentsIn(page).map((c) => c.id));

describe("pageConversations", () => {
  it("fills pages with whole conversations, in reading order, up to the limit", () => {
    const roots = buildCommentTree(thread([3, 4, 2, 5, 1]), { order: "oldest" });
    expect(idsOf(pageConversations(roots, 7))).toEqual([
      [1, 2, 3, 4, 5, 6, 7],
      [8, 9, 10, 11, 12, 13, 14],
      [15],
    ]);
  });

  it("never cuts a conversation: a longer one gets a page of its own", () => {
    const roots = buildCommentTree(thread([2, 12, 1]), { order: "oldest" });
    expect(pageConversations(roots, 5).map((page) => page.map(conversationSize))).toEqual([[2], [12], [1]]);
  });

  it("pages newest first when the tree is built newest first", () => {
    const roots = buildCommentTree(thread([2, 2, 2]), { order: "newest" });
    expect(idsOf(pageConversations(roots, 4))).toEqual([[5, 6, 3, 4], [1, 2]]);
  });

  it("gives an empty thread one empty page", () => {
    expect(pageConversations(buildCommentTree([], { order: "oldest" }), 50)).toEqual([[]]);
  });

  it("counts a tombstone that keeps its replies in place, and not a deleted comment that left no trace", () => {
    const rows = [row(1, null, { deleted: true }), row(2, 1), row(3, null), row(4, 3, { deleted: true })];
    const roots = buildCommentTree(rows, { order: "oldest" });
    expect(roots.map(conversationSize)).toEqual([2, 1]);
    expect(idsOf(pageConversations(roots, 2))).toEqual([[1, 2], [3]]);
  });

  it("handles a chain of 5,000 replies without recursion", () => {
    const roots = buildCommentTree(thread([5000, 1]), { order: "oldest" });
    const pages = pageConversations(roots, 50);
    expect(pages.map((page) => commentsIn(page).length)).toEqual([5000, 1]);
    expect(pageHolding(pages, 4999)).toBe(1);
    expect(pageHolding(pages, 5001)).toBe(2);
  });
});

describe("pageHolding", () => {
  it("finds the page of any comment, replies included, and nothing for an unknown id", () => {
    const pages = pageConversations(buildCommentTree(thread([3, 3, 3]), { order: "oldest" }), 3);
    expect([1, 3, 4, 9].map((id) => pageHolding(pages, id))).toEqual([1, 1, 2, 3]);
    expect(pageHolding(pages, 42)).toBeUndefined();
  });
});

describe("thread page addresses", () => {
  const essay = "/leftlibertarian/08/23/because";

  it("puts the first page under the essay and the others below it", () => {
    expect(threadPageHref(essay, { order: "oldest", page: 1 })).toBe(essay);
    expect(threadPageHref(essay, { order: "oldest", page: 3 })).toBe(`${essay}/comments/3`);
    expect(threadPageHref(essay, { order: "newest", page: 1 })).toBe(`${essay}/comments/newest`);
    expect(threadPageHref(essay, { order: "newest", page: 2 })).toBe(`${essay}/comments/newest/2`);
    expect(threadPageHref(essay, { order: "best", page: 1 })).toBe(`${essay}/comments/best`);
    expect(threadPageHref(essay, { order: "valued", page: 3 })).toBe(`${essay}/comments/valued/3`);
  });

  it("reads back every address it writes", () => {
    for (const at of [
      { order: "oldest", page: 2 },
      { order: "oldest", page: 120 },
      { order: "newest", page: 1 },
      { order: "newest", page: 7 },
      { order: "best", page: 1 },
      { order: "best", page: 4 },
      { order: "valued", page: 1 },
      { order: "valued", page: 2 },
    ] as const) {
      const segments = threadPageHref(essay, at).slice(`${essay}/comments/`.length).split("/");
      expect(parseThreadPageSegments(segments)).toEqual({ ...at, canonical: true });
    }
  });

  it("marks the longer spellings of a page for a redirect", () => {
    expect(parseThreadPageSegments(["1"])).toEqual({ order: "oldest", page: 1, canonical: false });
    expect(parseThreadPageSegments(["02"])).toEqual({ order: "oldest", page: 2, canonical: false });
    expect(parseThreadPageSegments(["newest", "1"])).toEqual({ order: "newest", page: 1, canonical: false });
  });

  it("refuses anything else", () => {
    for (const segments of [[], ["0"], ["-1"], ["2.5"], ["abc"], ["oldest"], ["newest", "x"], ["newest", "0"], ["2", "3"], ["newest", "2", "3"], ["1234567"], ["best", "0"], ["valued", "x"], ["worst"]]) {
      expect(parseThreadPageSegments(segments), JSON.stringify(segments)).toBeNull();
    }
  });
});

describe("pageNumbersAround", () => {
  it("offers the first, the last and two on each side of the current page, with gaps", () => {
    expect(pageNumbersAround(1, 1)).toEqual([1]);
    expect(pageNumbersAround(2, 5)).toEqual([1, 2, 3, 4, 5]);
    expect(pageNumbersAround(10, 20)).toEqual([1, null, 8, 9, 10, 11, 12, null, 20]);
    // A gap of one page shows the page instead of "…".
    expect(pageNumbersAround(5, 20)).toEqual([1, 2, 3, 4, 5, 6, 7, null, 20]);
    expect(pageNumbersAround(20, 20)).toEqual([1, null, 18, 19, 20]);
  });
});
