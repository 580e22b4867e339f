import { describe, expect, it } from "vitest";
import { plainExcerpt } from "@/lib/content/excerpt";

describe("plainExcerpt", () => {
  it("takes the first paragraph as plain text", () => {
    expect(plainExcerpt("First _paragraph_ with **bold** and `code`.\n\nSecond paragraph.", 160)).toBe(
      "First paragraph with bold and code.",
    );
  });

  it("keeps link text, drops targets and images", () => {
    expect(plainExcerpt("See ![a map](/map.png)[the archive](/archive) now.", 160)).toBe("See the archive now.");
  });

  it("skips headings, MDX imports and exports, JSX, code fences and rules", () => {
    const body = [
      'import { Note } from "./note"',
      "export const x = 1",
      "# A heading",
      "<Note>aside</Note>",
      "```js\ncode()\n```",
      "---",
      "The real first paragraph.",
    ].join("\n\n");
    expect(plainExcerpt(body, 160)).toBe("The real first paragraph.");
  });

  it("joins a paragraph's lines into one", () => {
    expect(plainExcerpt("One line\nand the next\n   and more.", 160)).toBe("One line and the next and more.");
  });

  it("cuts a long paragraph at a word, with an ellipsis, within the limit", () => {
    const text = "Hey, anarchists, or really any reader who believes passionately in your political ideals for changing this world: depart with me on a thought experiment.";
    const excerpt = plainExcerpt(text, 60);
    expect(excerpt.length).toBeLessThanOrEqual(60);
    expect(excerpt.endsWith("…")).toBe(true);
    expect(text.startsWith(excerpt.slice(0, -1))).toBe(true);
    expect(text[excerpt.length - 1]).toBe(" "); // cut before a space, not mid-word
  });

  it("cuts mid-word only when the first word is longer than half the limit", () => {
    expect(plainExcerpt(`${"x".repeat(50)} tail`, 20)).toBe(`${"x".repeat(19)}…`);
  });

  it("leaves a short paragraph whole and gives empty text for no paragraph", () => {
    expect(plainExcerpt("Short.", 160)).toBe("Short.");
    expect(plainExcerpt("", 160)).toBe("");
    expect(plainExcerpt("# Only a heading", 160)).toBe("");
  });
});
