// Finding the front matter's fences (lib/content/split-front-matter.ts), and what a writer is told
// when they are missing or unclosed.
import { describe, expect, it } from "vitest";
import { ContentError, loadEssays } from "@/lib/content/load-essays";
import { splitFrontMatter } from "@/lib/content/split-front-matter";
import { loadOptions, shownPath, tempContent } from "../support/temp-content";

describe("splitFrontMatter", () => {
  it("splits the fields from the body, which starts after the closing line", () => {
    expect(splitFrontMatter("---\ntitle: A\ndate: 2010-08-23\n---\n\nBody.\n")).toEqual({
      ok: true,
      yaml: "title: A\ndate: 2010-08-23\n",
      body: "\nBody.\n",
    });
  });

  it("tolerates a byte-order mark and Windows line ends", () => {
    expect(splitFrontMatter("\uFEFF---\r\ntitle: A\r\n---\r\nBody.\r\n")).toEqual({ ok: true, yaml: "title: A\r\n", body: "Body.\r\n" });
  });

  it("accepts fence lines with trailing spaces, and a closing fence at the very end", () => {
    expect(splitFrontMatter("--- \ntitle: A\n---\t")).toEqual({ ok: true, yaml: "title: A\n", body: "" });
  });

  it("accepts empty front matter", () => {
    expect(splitFrontMatter("---\n---\nBody.")).toEqual({ ok: true, yaml: "", body: "Body." });
  });

  it("keeps a --- line inside the body (a thematic break) in the body", () => {
    const split = splitFrontMatter("---\ntitle: A\n---\nBefore.\n\n---\n\nAfter.\n");
    expect(split).toEqual({ ok: true, yaml: "title: A\n", body: "Before.\n\n---\n\nAfter.\n" });
  });

  it("refuses a file that does not start with a fence, saying how to add one", () => {
    for (const source of ["title: A\n---\nBody.", "", "\n---\ntitle: A\n---\n", "----\ntitle: A\n----\n", "--- title: A\n---\n"]) {
      const split = splitFrontMatter(source);
      expect(split.ok).toBe(false);
      expect(!split.ok && split.message).toContain("is missing; start the file with a --- line");
    }
  });

  it("refuses a fence that is never closed", () => {
    for (const source of ["---\ntitle: A\n\nBody with no end.\n", "---", "---\n"]) {
      const split = splitFrontMatter(source);
      expect(split.ok).toBe(false);
      expect(!split.ok && split.message).toContain("has no closing --- line; add a line of three hyphens (---)");
    }
  });
});

describe("loadEssays names a file whose front matter cannot be found", () => {
  function messageFor(source: string): { message: string; file: string } {
    const dir = tempContent({ "an-essay.md": source });
    try {
      loadEssays(loadOptions(dir));
    } catch (error) {
      expect(error).toBeInstanceOf(ContentError);
      return { message: (error as ContentError).message, file: shownPath(dir, "an-essay.md") };
    }
    throw new Error("expected the essay to be rejected, but it loaded");
  }

  it("no front matter at all: one problem, not a list of missing fields", () => {
    const { message, file } = messageFor("Just an essay, no fields.\n");
    expect(message).toContain(`${file} › front matter: is missing; start the file with a --- line, then the fields (title, date, category)`);
    expect(message).not.toContain("› title:");
  });

  it("an unclosed fence", () => {
    const { message, file } = messageFor("---\ntitle: A\ndate: 2010-08-23\ncategory: one\n\nThe essay.\n");
    expect(message).toContain(`${file} › front matter: has no closing --- line`);
  });
});
