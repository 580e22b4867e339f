import { describe, expect, it } from "vitest";
import { loadEssays } from "@/lib/content/load-essays";
import { readingMinutes } from "@/lib/content/reading-time";
import { loadOptions } from "../support/temp-content";

const words = (count: number) => Array.from({ length: count }, (_, i) => `word${i}`).join(" ");

describe("readingMinutes", () => {
  it("is at least one minute, even for nothing", () => {
    expect(readingMinutes("")).toBe(1);
    expect(readingMinutes("Short.")).toBe(1);
  });

  it("counts about 230 words a minute, rounded", () => {
    expect(readingMinutes(words(460))).toBe(2);
    expect(readingMinutes(words(2300))).toBe(10);
    expect(readingMinutes(words(574))).toBe(2);
    expect(readingMinutes(words(575))).toBe(3);
  });

  it("does not count code blocks, link targets or markup", () => {
    const code = "```js\n" + words(2300) + "\n```";
    expect(readingMinutes(`${words(460)}\n\n${code}`)).toBe(2);
    const link = `[two words](/${"very-long-path/".repeat(500)})`;
    expect(readingMinutes(`${words(458)} ${link}`)).toBe(2);
    expect(readingMinutes(`${words(460)} <Aside tone="quiet and long attribute text here">`)).toBe(2);
  });

  it("counts words with apostrophes and non-English letters as words", () => {
    expect(readingMinutes("don’t can't café naïve ".repeat(115))).toBe(2);
  });

  it("gives the first essay a few minutes", () => {
    const [essay] = loadEssays(loadOptions("content"));
    expect(essay?.readingMinutes).toBeGreaterThanOrEqual(5);
    expect(essay?.readingMinutes).toBeLessThanOrEqual(10);
  });
});
