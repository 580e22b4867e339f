import { afterEach, describe, expect, it, vi } from "vitest";
import { loadEssays } from "@/lib/content/load-essays";
import { essaySource, loadOptions, tempContent } from "../support/temp-content";

// Three essays in time order; the middle one is a draft with a tag and a category of its own.
const FILES = {
  "oldest.md": essaySource("title: Oldest\ncategory: essays\ndate: 2010-08-01\ntags: shared"),
  "middle-draft.md": essaySource(
    "title: Middle draft\ncategory: drafts-only\ndate: 2010-08-10\ntags: shared, secret\ndraft: true",
  ),
  "newest.md": essaySource("title: Newest\ncategory: essays\ndate: 2010-08-20\ntags: [shared]"),
};

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

/** The app's accessors (lib/content/essays.ts) over the folder, as NODE_ENV decides drafts. */
async function appEssays(nodeEnv: "production" | "development") {
  vi.stubEnv("CONTENT_DIR", tempContent(FILES));
  vi.stubEnv("NODE_ENV", nodeEnv);
  // env.js parses process.env and essays.ts caches the list when first imported: load both afresh.
  vi.resetModules();
  return import("@/lib/content/essays");
}

describe("loadEssays and drafts", () => {
  it("leaves drafts out when includeDrafts is false", () => {
    const essays = loadEssays(loadOptions(tempContent(FILES), false));
    expect(essays.map((essay) => essay.title)).toEqual(["Newest", "Oldest"]);
  });

  it("keeps drafts, in date order, when includeDrafts is true", () => {
    const essays = loadEssays(loadOptions(tempContent(FILES), true));
    expect(essays.map((essay) => [essay.title, essay.draft])).toEqual([
      ["Newest", false],
      ["Middle draft", true],
      ["Oldest", false],
    ]);
  });

  it("still validates a draft: a bad draft fails the load even when drafts are left out", () => {
    const dir = tempContent({ ...FILES, "bad-draft.md": essaySource("title: Bad\ndate: 2010-08-05\ndraft: true") });
    expect(() => loadEssays(loadOptions(dir, false))).toThrow("bad-draft.md › category: is required");
  });
});

describe("the app's lists in production: drafts are nowhere", () => {
  it("lists, tags, categories, archive and adjacency all skip the draft", async () => {
    const content = await appEssays("production");
    expect(content.getEssays().map((essay) => essay.title)).toEqual(["Newest", "Oldest"]);
    expect(content.getTags().map((tag) => [tag.slug, tag.count])).toEqual([["shared", 2]]);
    expect(content.getEssaysByTag("secret")).toBeUndefined();
    expect(content.getCategories()).toEqual([{ name: "essays", count: 2 }]);
    expect(content.getEssaysByCategory("drafts-only")).toEqual([]);
    expect(content.getArchive()[0]?.essays.map((essay) => essay.title)).toEqual(["Newest", "Oldest"]);
    expect(content.getEssayByPath("/drafts-only/08/10/middle-draft")).toBeUndefined();
    expect(content.getEssayByLegacyPath("/2010/08/10/middle-draft")).toBeUndefined();
    const { newer, older } = content.getAdjacentEssays("/essays/08/20/newest");
    expect(newer).toBeUndefined();
    expect(older?.title).toBe("Oldest");
  });
});

describe("the app's lists under next dev: drafts are shown", () => {
  it("lists, tags, categories and adjacency include the draft", async () => {
    const content = await appEssays("development");
    expect(content.getEssays().map((essay) => essay.title)).toEqual(["Newest", "Middle draft", "Oldest"]);
    expect(content.getTags().map((tag) => [tag.slug, tag.count])).toEqual([
      ["shared", 3],
      ["secret", 1],
    ]);
    expect(content.getCategories()).toEqual([
      { name: "drafts-only", count: 1 },
      { name: "essays", count: 2 },
    ]);
    expect(content.getEssayByPath("/drafts-only/08/10/middle-draft")?.draft).toBe(true);
    expect(content.getAdjacentEssays("/essays/08/20/newest").older?.title).toBe("Middle draft");
  });
});
