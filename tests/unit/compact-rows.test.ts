import { describe, expect, it } from "vitest";
import type { ThreadRow } from "@/lib/comments/cached-queries";
import { compactRows, expandRows } from "@/lib/comments/compact-rows";

const plain: ThreadRow = {
  id: 1,
  parentId: null,
  authorId: "u1",
  authorName: "Ada",
  authorImage: null,
  bodyHtml: "<p>Hello</p>",
  status: "published",
  moderationReason: null,
  deleted: false,
  editedAt: null,
  createdAt: "2026-12-01T10:00:00.000Z",
};

describe("a thread page's rows in the hydration data", () => {
  it("leaves out the fields that hold their usual value and unset ones", () => {
    const [compact] = compactRows([{ ...plain, rank: undefined, votesHidden: undefined }]);
    expect(compact).toEqual({ id: 1, parentId: null, authorId: "u1", authorName: "Ada", bodyHtml: "<p>Hello</p>", createdAt: "2026-12-01T10:00:00.000Z" });
    expect(JSON.stringify(compact)).not.toMatch(/authorImage|moderationReason|deleted|editedAt|status|rank|votesHidden/);
  });

  it("keeps every field that differs from the usual value", () => {
    const unusual: ThreadRow = {
      ...plain,
      id: 2,
      parentId: 1,
      authorImage: "https://example.org/a.png",
      bodyHtml: null,
      status: "hidden",
      moderationReason: "spam",
      deleted: true,
      editedAt: "2026-12-02T10:00:00.000Z",
      rank: 0,
      votes: { up: 3, down: 0, agree: 1, disagree: 2, upFromDisagreers: 0 },
      votesHidden: true,
    };
    expect(compactRows([unusual])).toEqual([unusual]);
  });

  it("comes back in the browser exactly as the server had it", () => {
    const rows: ThreadRow[] = [plain, { ...plain, id: 2, parentId: 1, deleted: true, bodyHtml: null }, { ...plain, id: 3, editedAt: "2026-12-03T00:00:00.000Z", rank: 2 }];
    expect(expandRows(compactRows(rows))).toEqual(rows);
  });
});
