import { describe, expect, it } from "vitest";
import {
  commentBodySchema,
  commentIdSchema,
  essayPathSchema,
  parentIdSchema,
  parseCommentEditForm,
  parseCommentForm,
  parseRestatementAnswer,
  parseRetractionForm,
  RETRACTION_NOTE_MAX_LENGTH,
} from "@/lib/comments/validation";

function form(entries: Record<string, string | Blob>): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries(entries)) data.append(name, value);
  return data;
}

const firstMessage = (result: { success: boolean; error?: { issues: { message: string }[] } }) => result.error?.issues[0]?.message;

describe("commentBodySchema", () => {
  it("trims and keeps the text otherwise as typed", () => {
    expect(commentBodySchema.parse("  Hello *there*\n\n> quote  ")).toBe("Hello *there*\n\n> quote");
  });

  it("turns the browser's CRLF line endings into LF and drops NUL characters", () => {
    expect(commentBodySchema.parse("one\r\ntwo\rthree\u0000")).toBe("one\ntwo\nthree");
  });

  it.each([[""], ["   \n\t "], ["\u0000"]])("asks for something to post when the body is %j", (body) => {
    expect(firstMessage(commentBodySchema.safeParse(body))).toBe("Write something before posting.");
  });

  it("asks for something to post when the body is missing or not text", () => {
    expect(firstMessage(commentBodySchema.safeParse(undefined))).toBe("Write something before posting.");
    expect(firstMessage(commentBodySchema.safeParse(42))).toBe("Write something before posting.");
  });

  it("accepts exactly 10,000 characters, counting an emoji as one", () => {
    expect(commentBodySchema.safeParse("a".repeat(10_000)).success).toBe(true);
    expect(commentBodySchema.safeParse("👍".repeat(10_000)).success).toBe(true);
    // Line endings are counted after CRLF became LF: a browser's CRLF does not cost two.
    expect(commentBodySchema.safeParse("a\r\n".repeat(5_000).trim()).success).toBe(true);
  });

  it("says how long the body is when it is over the limit", () => {
    expect(firstMessage(commentBodySchema.safeParse("a".repeat(10_001)))).toBe(
      "Comments are limited to 10,000 characters; yours has 10,001.",
    );
    expect(firstMessage(commentBodySchema.safeParse("👍".repeat(12_345)))).toBe(
      "Comments are limited to 10,000 characters; yours has 12,345.",
    );
  });
});

describe("commentIdSchema and parentIdSchema", () => {
  it("reads a positive whole number from a form string or a number", () => {
    expect(commentIdSchema.parse("42")).toBe(42);
    expect(commentIdSchema.parse(" 7 ")).toBe(7);
    expect(commentIdSchema.parse(3)).toBe(3);
    expect(commentIdSchema.parse("2147483647")).toBe(2_147_483_647);
  });

  it.each([["0"], ["-1"], ["1.5"], ["1e3"], ["abc"], [""], ["2147483648"], ["99999999999"], [1.5], [null]])("refuses %j", (value) => {
    expect(commentIdSchema.safeParse(value).success).toBe(false);
  });

  it("reads an absent or empty parent as a new thread", () => {
    expect(parentIdSchema.parse(undefined)).toBeNull();
    expect(parentIdSchema.parse(null)).toBeNull();
    expect(parentIdSchema.parse("")).toBeNull();
    expect(parentIdSchema.parse("  ")).toBeNull();
    expect(parentIdSchema.parse("12")).toBe(12);
    expect(parentIdSchema.safeParse("x").success).toBe(false);
  });
});

describe("essayPathSchema", () => {
  it("accepts the site's own addresses", () => {
    expect(essayPathSchema.parse("/leftlibertarian/08/23/slug")).toBe("/leftlibertarian/08/23/slug");
  });

  it.each([["leftlibertarian/08/23/slug"], ["https://elsewhere.example/x"], ["//elsewhere.example/x"], ["/a b"], ["/a\\b"], [`/${"a".repeat(300)}`], [""]])(
    "refuses %j",
    (value) => {
      expect(essayPathSchema.safeParse(value).success).toBe(false);
    },
  );

  it("accepts up to 300 characters", () => {
    expect(essayPathSchema.safeParse(`/${"a".repeat(299)}`).success).toBe(true);
  });
});

describe("the restatement check in parseCommentForm (decision 041)", () => {
  const reply = { essayPath: "/essays/08/23/slug", parentId: "5", body: "I see it otherwise." };
  it("reads a disagreeing reply and its one-sentence restatement, spaces and line breaks folded", () => {
    expect(parseCommentForm(form({ ...reply, disagrees: "on", restatement: "  force is\nsometimes the only way.  " }))).toEqual({
      ok: true,
      data: { essayPath: "/essays/08/23/slug", parentId: 5, body: "I see it otherwise.", disagrees: true, restatement: "force is sometimes the only way." },
    });
    expect(parseCommentForm({ ...reply, disagrees: true, restatement: "" })).toMatchObject({ ok: true, data: { disagrees: true, restatement: null } });
  });
  it("refuses a restatement over 300 characters, one without “I disagree”, and either on a top-level comment", () => {
    expect(parseCommentForm({ ...reply, disagrees: "on", restatement: "x".repeat(301) })).toEqual({
      ok: false,
      fieldErrors: { restatement: "Keep the restatement to one sentence of at most 300 characters." },
    });
    expect(parseCommentForm({ ...reply, disagrees: "on", restatement: "x".repeat(300) })).toMatchObject({ ok: true });
    expect(parseCommentForm({ ...reply, restatement: "you think so" })).toEqual({
      ok: false,
      fieldErrors: { restatement: "A restatement goes with a reply that disagrees: tick “I disagree”, or leave the restatement empty." },
    });
    expect(parseCommentForm({ ...reply, parentId: "", disagrees: "on" })).toEqual({ ok: false, fieldErrors: { restatement: "Only a reply can disagree with a comment and restate it." } });
  });
  it("reads the answer: confirmed drops any correction; not quite needs one", () => {
    expect(parseRestatementAnswer({ commentId: "7", verdict: "confirmed", correction: "ignored" })).toEqual({ ok: true, data: { commentId: 7, verdict: "confirmed", correction: null } });
    expect(parseRestatementAnswer({ commentId: "7", verdict: "not-quite", correction: " only when talk has failed " })).toEqual({
      ok: true,
      data: { commentId: 7, verdict: "not-quite", correction: "only when talk has failed" },
    });
    expect(parseRestatementAnswer({ commentId: "7", verdict: "not-quite" })).toEqual({ ok: false, fieldErrors: { correction: "Say in a sentence what is not quite right, so they can see your view." } });
    expect(parseRestatementAnswer({ commentId: "7", verdict: "maybe" })).toEqual({ ok: false, fieldErrors: { verdict: "Choose “Yes, that’s my view” or “Not quite”." } });
  });
});

describe("parseCommentForm", () => {
  it("reads a reply from FormData", () => {
    expect(parseCommentForm(form({ essayPath: "/essays/08/23/slug", parentId: "5", body: " Agreed. " }))).toEqual({
      ok: true,
      data: { essayPath: "/essays/08/23/slug", parentId: 5, body: "Agreed.", disagrees: false, restatement: null },
    });
  });

  it("reads a new thread from a plain record, with an empty parent", () => {
    expect(parseCommentForm({ essayPath: "/essays/08/23/slug", parentId: "", body: "First!" })).toEqual({
      ok: true,
      data: { essayPath: "/essays/08/23/slug", parentId: null, body: "First!", disagrees: false, restatement: null },
    });
  });

  it("ignores fields the server owns", () => {
    const result = parseCommentForm(
      form({
        essayPath: "/essays/08/23/slug",
        body: "Hello",
        id: "999",
        authorId: "someone-else",
        authorName: "Admin",
        createdAt: "2000-01-01T00:00:00Z",
        status: "published",
      }),
    );
    expect(result).toEqual({ ok: true, data: { essayPath: "/essays/08/23/slug", parentId: null, body: "Hello", disagrees: false, restatement: null } });
  });

  it("returns one message per wrong field", () => {
    const result = parseCommentForm(form({ essayPath: "//evil.example", parentId: "abc", body: "   " }));
    expect(result).toEqual({
      ok: false,
      fieldErrors: {
        essayPath: "This essay could not be found.",
        parentId: "That comment could not be found.",
        body: "Write something before posting.",
      },
    });
  });

  it("treats a file where text is expected as missing", () => {
    const result = parseCommentForm(form({ essayPath: "/e", body: new Blob(["text"]) }));
    expect(result).toEqual({ ok: false, fieldErrors: { body: "Write something before posting." } });
  });
});

// The edit command's one schema (lib/comments/commands/edit-comment.ts), with the edit form's field names.
describe("parseCommentEditForm", () => {
  it("reads the comment id and the new body", () => {
    expect(parseCommentEditForm(form({ commentId: "12", body: "Edited", authorId: "x" }))).toEqual({ ok: true, data: { commentId: 12, body: "Edited" } });
  });

  it("returns messages for a bad id and an over-long body", () => {
    expect(parseCommentEditForm({ commentId: "0", body: "x".repeat(10_001) })).toEqual({
      ok: false,
      fieldErrors: {
        commentId: "That comment could not be found.",
        body: "Comments are limited to 10,000 characters; yours has 10,001.",
      },
    });
  });
});

describe("parseRetractionForm", () => {
  const parse = (entries: Record<string, string>) => parseRetractionForm(form({ commentId: "12", intent: "retract", ...entries }));

  it("takes the cause as a number, an anchor or any link to the comment; empty is none", () => {
    for (const cause of ["34", "#comment-34", "comment-34", "https://blog.example/a/08/23/b#comment-34", "/a/08/23/b/comments/page/2#comment-34", "/comments/34", " 34 "]) {
      expect(parse({ cause }), cause).toEqual({ ok: true, data: { commentId: 12, intent: "retract", note: null, cause: 34 } });
    }
    expect(parse({ cause: "" })).toMatchObject({ ok: true, data: { cause: null } });
    expect(parse({})).toMatchObject({ ok: true, data: { cause: null, note: null } });
  });

  it("says what is wrong with a cause that names no comment, a note too long, or a stale form", () => {
    for (const cause of ["the one by Ada", "https://blog.example/a/08/23/b", "#comment-0", "99999999999"]) {
      const result = parse({ cause });
      expect(result.ok, cause).toBe(false);
      if (!result.ok) expect(result.fieldErrors.cause).toMatch(/^Give the comment that changed your mind as its link/);
    }
    const long = parse({ note: "x".repeat(RETRACTION_NOTE_MAX_LENGTH + 1) });
    expect(long).toEqual({ ok: false, fieldErrors: { note: `Keep the note to ${RETRACTION_NOTE_MAX_LENGTH} characters; it says what changed your mind.` } });
    expect(parse({ note: "  Your second point.  " })).toMatchObject({ ok: true, data: { note: "Your second point." } });
    expect(parse({ intent: "delete" })).toMatchObject({ ok: false, fieldErrors: { intent: "This form is out of date. Reload the page and try again." } });
    expect(parse({ commentId: "abc" })).toMatchObject({ ok: false, fieldErrors: { commentId: "That comment could not be found." } });
  });
});
