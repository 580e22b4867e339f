import { describe, expect, it } from "vitest";
import { ContentError, loadEssays } from "@/lib/content/load-essays";
import { essaySource, loadOptions, shownPath, tempContent } from "../support/temp-content";

const GOOD = { title: "A Title", date: "2010-08-23", category: "leftlibertarian" };

/** Front matter from the good fields, with some replaced (a string) or left out (undefined). */
function frontMatter(fields: Record<string, string | undefined>): string {
  return Object.entries({ ...GOOD, ...fields })
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}: ${value}`)
    .join("\n");
}

function load(files: Record<string, string>) {
  return loadEssays(loadOptions(tempContent(files)));
}

/** Loads one essay and returns the ContentError's message; fails the test if it loads. */
function problemWith(fields: Record<string, string | undefined>): { message: string; file: string } {
  const dir = tempContent({ "an-essay.md": essaySource(frontMatter(fields)) });
  try {
    loadEssays(loadOptions(dir));
  } catch (error) {
    expect(error).toBeInstanceOf(ContentError);
    return { message: (error as ContentError).message, file: shownPath(dir, "an-essay.md") };
  }
  throw new Error(`expected ${JSON.stringify(fields)} to be rejected, but the essay loaded`);
}

/** The message names the file and the field, and says what was expected. */
function expectProblem(fields: Record<string, string | undefined>, field: string, expectation: string) {
  const { message, file } = problemWith(fields);
  expect(message).toContain(`${file} › ${field}: `);
  expect(message).toContain(expectation);
}

describe("front matter: good essays", () => {
  it("loads the minimal fields, with defaults", () => {
    const [essay] = load({ "an-essay.md": essaySource(frontMatter({})) });
    expect(essay).toMatchObject({
      title: "A Title",
      slug: "an-essay",
      category: "leftlibertarian",
      date: "2010-08-23T00:00:00.000Z",
      path: "/leftlibertarian/08/23/an-essay",
      draft: false,
      comments: "open",
      tags: [],
    });
  });

  it("accepts tags as a YAML list", () => {
    const [essay] = load({ "a.md": essaySource(frontMatter({ tags: "\n  - Anarcho-Pluralism\n  - politics" })) });
    expect(essay?.tags).toEqual([
      { name: "Anarcho-Pluralism", slug: "anarcho-pluralism" },
      { name: "politics", slug: "politics" },
    ]);
  });

  it("accepts tags as a flow list", () => {
    const [essay] = load({ "a.md": essaySource(frontMatter({ tags: "[leftism, anarchism]" })) });
    expect(essay?.tags.map((tag) => tag.slug)).toEqual(["leftism", "anarchism"]);
  });

  it("accepts tags as one comma-separated string (the first essay's form)", () => {
    const [essay] = load({ "a.md": essaySource(frontMatter({ tags: "pan-secessionism, anarcho-pluralism, , leftism" })) });
    expect(essay?.tags.map((tag) => tag.name)).toEqual(["pan-secessionism", "anarcho-pluralism", "leftism"]);
  });

  it("accepts quoted dates and timestamps, read in UTC", () => {
    const [quoted] = load({ "a.md": essaySource(frontMatter({ date: '"2010-08-23"' })) });
    expect(quoted?.date).toBe("2010-08-23T00:00:00.000Z");
    const [timed] = load({ "a.md": essaySource(frontMatter({ date: '"2010-08-23 14:30"' })) });
    expect(timed?.date).toBe("2010-08-23T14:30:00.000Z");
  });

  it("keeps the time of an unquoted timestamp (YAML makes it a Date)", () => {
    const [essay] = load({ "a.md": essaySource(frontMatter({ date: "2010-08-23T14:30:00Z" })) });
    expect(essay?.date).toBe("2010-08-23T14:30:00.000Z");
  });
});

describe("front matter: every bad case is named", () => {
  it("missing title", () => expectProblem({ title: undefined }, "title", "is required: the essay's title"));
  it("title that YAML reads as a number", () => expectProblem({ title: "1984" }, "title", "expected text"));
  it("empty title", () => expectProblem({ title: '""' }, "title", "must not be empty"));

  it("missing date", () => expectProblem({ date: undefined }, "date", "expected an ISO date such as 2010-08-23"));
  it("non-ISO date", () => expectProblem({ date: "August 23, 2010" }, "date", "expected an ISO date such as 2010-08-23"));
  it("day-first date", () => expectProblem({ date: "23/08/2010" }, "date", "expected an ISO date such as 2010-08-23"));
  it("impossible date 2010-02-30 (quoted)", () =>
    expectProblem({ date: '"2010-02-30"' }, "date", "is not a real calendar date"));
  it("impossible date inside a timestamp", () =>
    expectProblem({ date: '"2010-02-30T10:00:00+02:00"' }, "date", "is not a real calendar date"));
  it("impossible time", () => expectProblem({ date: '"2010-08-23T25:00:00Z"' }, "date", "is not a real calendar date"));
  it("bad updated date", () => expectProblem({ updated: "soon" }, "updated", "expected an ISO date"));

  // A YAML parser that makes Date objects would roll an unquoted 2010-02-30 over to 2 March; the loader
  // parses front matter with `yaml`, which keeps dates as text for the schema to check.
  it("impossible date 2010-02-30 (unquoted)", () =>
    expectProblem({ date: "2010-02-30" }, "date", "is not a real calendar date"));

  it("missing category", () =>
    expectProblem({ category: undefined }, "category", "is required: a lower-case word such as leftlibertarian"));
  it("category in upper case", () =>
    expectProblem({ category: "LeftLibertarian" }, "category", "expected lower-case letters, digits and single hyphens"));
  it("category with spaces", () =>
    expectProblem({ category: "left libertarian" }, "category", "expected lower-case letters, digits and single hyphens"));
  it("category of four digits (quoted)", () =>
    expectProblem({ category: '"2010"' }, "category", "must not be four digits"));
  it("category of four digits (unquoted, so a number)", () => expectProblem({ category: "2010" }, "category", "expected text"));
  it("category that is one of the site's own addresses", () => {
    for (const reserved of ["tags", "archive", "page", "feed.xml"]) {
      expectProblem({ category: reserved }, "category", "must not be one of the site's own addresses");
    }
  });

  it("tags of the wrong type", () =>
    expectProblem({ tags: "5" }, "tags", "expected a list of tags or a comma-separated string"));
  it("an empty tag in a list", () => expectProblem({ tags: '["a", ""]' }, "tags.1", "has an empty tag"));

  it("bad comments value", () => expectProblem({ comments: "maybe" }, "comments", "expected open, closed or hidden"));
  it("non-boolean draft", () => expectProblem({ draft: '"yes"' }, "draft", "expected true or false"));
  it("bad slug field", () =>
    expectProblem({ slug: "Not A Slug" }, "slug", "expected lower-case letters, digits and single hyphens"));

  it("unknown field, naming it and the known ones", () => {
    const { message, file } = problemWith({ summary: "A summary" });
    expect(message).toContain(`${file} › front matter: unknown field(s) summary; known: title, subtitle, date`);
  });

  it("front matter that is not YAML", () => {
    const dir = tempContent({ "a.md": essaySource("title: [unclosed") });
    expect(() => loadEssays(loadOptions(dir))).toThrow(`${shownPath(dir, "a.md")} › front matter: is not valid YAML`);
  });

  it("lists every problem of a file at once", () => {
    const { message } = problemWith({ title: undefined, date: "soon", comments: "maybe" });
    expect(message).toMatch(/^The essays in content\/ have 3 problems:/);
    for (const field of ["title", "date", "comments"]) expect(message).toContain(`› ${field}: `);
  });
});

describe("loadEssays on a folder", () => {
  it("fails naming both files when two essays share an address", () => {
    const same = essaySource(frontMatter({ slug: "same-slug" }));
    const dir = tempContent({ "first.md": same, "second.md": same });
    let error: unknown;
    try {
      loadEssays(loadOptions(dir));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ContentError);
    const message = (error as ContentError).message;
    expect(message).toContain(
      `${shownPath(dir, "second.md")} › slug: has the same address /leftlibertarian/08/23/same-slug as ${shownPath(dir, "first.md")}`,
    );
  });

  it("fails when two essays in different categories share the old blog's address", () => {
    const dir = tempContent({
      "a/same.md": essaySource(frontMatter({ category: "one" })),
      "b/same.md": essaySource(frontMatter({ category: "two" })),
    });
    expect(() => loadEssays(loadOptions(dir))).toThrow("has the same address /2010/08/23/same as");
  });

  it("fails on a file that is not .md or .mdx", () => {
    const dir = tempContent({ "good.md": essaySource(frontMatter({})), "notes.txt": "not an essay" });
    expect(() => loadEssays(loadOptions(dir))).toThrow(`${shownPath(dir, "notes.txt")}: is not an essay (.md or .mdx)`);
  });

  it("fails on a file name that is no usable address", () => {
    const dir = tempContent({ "My Essay.md": essaySource(frontMatter({})) });
    expect(() => loadEssays(loadOptions(dir))).toThrow(
      `${shownPath(dir, "My Essay.md")} › slug: the file name "My Essay" is not a usable address`,
    );
  });

  it("accepts such a file name when a slug field gives the address", () => {
    const [essay] = load({ "My Essay.md": essaySource(frontMatter({ slug: "my-essay" })) });
    expect(essay?.path).toBe("/leftlibertarian/08/23/my-essay");
  });

  it("never skips a bad essay silently: one bad file fails the whole load", () => {
    const dir = tempContent({
      "good.md": essaySource(frontMatter({})),
      "bad.md": essaySource(frontMatter({ category: "Bad Category" })),
    });
    let result: unknown;
    let error: unknown;
    try {
      result = loadEssays(loadOptions(dir));
    } catch (caught) {
      error = caught;
    }
    expect(result).toBeUndefined();
    expect(error).toBeInstanceOf(ContentError);
    expect((error as ContentError).problems).toEqual([
      expect.objectContaining({ file: shownPath(dir, "bad.md"), field: "category" }),
    ]);
  });

  it("fails when the folder does not exist", () => {
    expect(() => loadEssays(loadOptions("/nonexistent/content"))).toThrow("the content folder does not exist");
  });

  it("loads the real first essay", () => {
    const [essay, ...rest] = loadEssays(loadOptions("content"));
    expect(rest).toHaveLength(0);
    expect(essay).toMatchObject({
      file: "content/because-killing-them-all-is-not-an-option.md",
      format: "md",
      title: "Because Killing Them All is Not an Option",
      subtitle: "Anarcho-pluralism as the peaceful alternative",
      date: "2010-08-23T00:00:00.000Z",
      author: "Jeremy Weiland",
      path: "/leftlibertarian/08/23/because-killing-them-all-is-not-an-option",
      legacyPath: "/2010/08/23/because-killing-them-all-is-not-an-option",
    });
    expect(essay?.tags.map((tag) => tag.slug)).toEqual([
      "pan-secessionism",
      "anarcho-pluralism",
      "leftism",
      "politics",
      "anarchism",
    ]);
  });
});
