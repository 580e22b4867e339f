import { describe, expect, it } from "vitest";
import { similarEssays, type Candidate } from "@/lib/content/similar";

const candidate = (slug: string): Candidate => ({ slug, title: slug, path: `/essays/01/01/${slug}` });

const CANDIDATES = [
  candidate("because-killing-them-all-is-not-an-option"),
  candidate("thoughts-on-revolution"),
  candidate("the-unique-one-and-the-universal"),
  candidate("revolution-and-its-discontents"),
];

const slugs = (found: Candidate[]) => found.map((c) => c.slug);

describe("similarEssays", () => {
  it("finds the essay of a truncated or mistyped address", () => {
    expect(slugs(similarEssays("/leftlibertarian/08/23/because-killing-them-all", CANDIDATES))[0]).toBe(
      "because-killing-them-all-is-not-an-option",
    );
    expect(slugs(similarEssays("/leftlibertarian/08/10/thoughts-on-revolutions", CANDIDATES))[0]).toBe(
      "thoughts-on-revolution",
    );
  });

  it("ranks by shared words, best first", () => {
    expect(slugs(similarEssays("/x/thoughts-revolution", CANDIDATES))).toEqual([
      "thoughts-on-revolution",
      "revolution-and-its-discontents",
    ]);
  });

  it("reads only the last segment, ignoring a trailing slash, case and escapes", () => {
    expect(slugs(similarEssays("/Unique/Universal/", CANDIDATES))).toEqual(["the-unique-one-and-the-universal"]);
    expect(slugs(similarEssays("/a/unique%20universal", CANDIDATES))).toEqual(["the-unique-one-and-the-universal"]);
  });

  it("ignores words of two letters or fewer", () => {
    expect(similarEssays("/x/on-an-is", CANDIDATES)).toEqual([]);
  });

  it("gives nothing when nothing is shared or there is no last segment", () => {
    expect(similarEssays("/x/gardening", CANDIDATES)).toEqual([]);
    expect(similarEssays("/", CANDIDATES)).toEqual([]);
  });

  it("returns at most the limit", () => {
    const many = Array.from({ length: 10 }, (_, i) => candidate(`revolution-part-${i}`));
    expect(similarEssays("/x/revolution", many)).toHaveLength(3);
    expect(similarEssays("/x/revolution", many, 5)).toHaveLength(5);
  });
});
