import { describe, expect, it } from "vitest";
import {
  bandAnnouncement,
  counterText,
  countCommentCharacters,
  lengthBand,
  MAX,
  overLimitError,
} from "@/components/comments/comment-length";
import { isLongComment } from "@/components/comments/long-comment";
import { renderCommentMarkdown } from "@/lib/comments/render-markdown";
import { commentBodySchema, COMMENT_MAX_CHARACTERS } from "@/lib/comments/validation";

describe("the comment box's counter", () => {
  it("has the server's limit", () => {
    expect(MAX).toBe(COMMENT_MAX_CHARACTERS);
  });

  it("counts as the server does: trimmed, CRLF as one, NULs dropped, one per code point", () => {
    for (const text of ["  hello  ", "a\r\nb", "x\u0000y", "é👍", `${"z".repeat(MAX)}\r\n`, `${"q".repeat(MAX)}!`, "\n\n"]) {
      const accepted = commentBodySchema.safeParse(text).success;
      const count = countCommentCharacters(text);
      expect(accepted, JSON.stringify(text.slice(0, 12))).toBe(count >= 1 && count <= MAX);
    }
    expect(countCommentCharacters("é👍")).toBe(2);
    expect(countCommentCharacters(" a\r\nb ")).toBe(3);
  });

  it("warns in the last tenth, says when the limit is reached, and by how much it is over", () => {
    expect([0, 8_999, 9_000, 9_999, 10_000, 10_001].map(lengthBand)).toEqual(["ok", "ok", "near", "near", "full", "over"]);
    expect(counterText(5)).toBe("5 of 10,000 characters");
    expect(counterText(9_500)).toBe("9,500 of 10,000 characters: 500 left");
    expect(counterText(100_000)).toContain("90,000 too many");
    expect(overLimitError(100_000)).toBe(
      "Your comment has 100,000 characters; the limit is 10,000. Shorten it by 90,000 to post it. Your text stays here.",
    );
  });

  it("announces entering a band, and nothing while the text stays short", () => {
    expect(bandAnnouncement("ok", 10, "ok")).toBe("");
    expect(bandAnnouncement("near", 9_200, "ok")).toBe("800 characters left.");
    expect(bandAnnouncement("full", MAX, "near")).toBe("You have reached the 10,000-character limit.");
    expect(bandAnnouncement("over", 10_050, "full")).toContain("50 characters over the 10,000-character limit");
    expect(bandAnnouncement("ok", 100, "over")).toBe("Back within the 10,000-character limit.");
  });
});

describe("which comments the thread folds", () => {
  it("folds long texts and long lists, not ordinary comments", () => {
    expect(isLongComment(renderCommentMarkdown("A thought, well put. ".repeat(20)))).toBe(false);
    expect(isLongComment(renderCommentMarkdown("A thought, well put. ".repeat(120)))).toBe(true);
    const list = Array.from({ length: 30 }, (_, i) => `- point ${i}`).join("\n");
    expect(isLongComment(renderCommentMarkdown(list))).toBe(true);
  });

  it("counts the text a reader sees, not the markup around it", () => {
    const linked = Array.from({ length: 15 }, () => "[a](https://example.org/a/very/long/address/that/is/not/read/as/text/by/anyone)").join(" ");
    expect(isLongComment(renderCommentMarkdown(linked))).toBe(false);
  });
});
