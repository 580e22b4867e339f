import { describe, expect, it } from "vitest";
import { findBrokenInternalLinks } from "@/lib/content/check-links";
import { loadEssays, type Essay } from "@/lib/content/load-essays";
import { knownSitePaths } from "@/lib/content/site-paths";
import { siteConfig } from "@/site.config";
import { essaySource, loadOptions, tempContent } from "../support/temp-content";

const SITE_URL = "https://essays.example.org";
const FIRST = "content/because-killing-them-all-is-not-an-option.md";

const realEssays = () => loadEssays(loadOptions("content"));

/** Broken links of one essay body checked against the real essays' site plus a public folder. */
function brokenIn(body: string, options: { format?: "md" | "mdx"; publicFiles?: Record<string, string> } = {}) {
  const publicDir = tempContent(options.publicFiles ?? {});
  const known = knownSitePaths(realEssays(), { publicDir, pageSize: siteConfig.pageSize });
  const essay = { file: "content/test.md", format: options.format ?? "md", body };
  return findBrokenInternalLinks([essay], known, { siteUrl: SITE_URL }).map(({ link }) => link);
}

describe("findBrokenInternalLinks on the real first essay", () => {
  it("reports exactly the two links to essays that are not here", () => {
    const essays = realEssays();
    const known = knownSitePaths(essays, { publicDir: "public", pageSize: siteConfig.pageSize });
    expect(findBrokenInternalLinks(essays, known, { siteUrl: SITE_URL })).toEqual([
      { file: FIRST, link: "/leftlibertarian/08/10/thoughts-on-revolution" },
      { file: FIRST, link: "/leftlibertarian/08/16/the-unique-one-and-the-universal" },
    ]);
  });
});

describe("links that lead to a page are not reported", () => {
  it("pages of the site, with or without trailing slash, query or fragment", () => {
    const links = [
      "/",
      "/archive",
      "/archive/",
      "/archive#2010",
      "/archive?year=2010",
      "/tags",
      "/tags/anarcho-pluralism",
      "/tags/anarcho-pluralism/feed.xml",
      "/leftlibertarian",
      "/leftlibertarian/feed.xml",
      "/feed.xml",
      "/rss.xml",
      "/feed.json",
      "/sitemap.xml",
      "/robots.txt",
      "/sign-in",
      "/profile",
      "/leftlibertarian/08/23/because-killing-them-all-is-not-an-option",
      "/leftlibertarian/08/23/because-killing-them-all-is-not-an-option/#comments",
    ];
    expect(brokenIn(links.map((link) => `[a page](${link})`).join("\n\n"))).toEqual([]);
  });

  it("the old blog's address of an essay, which redirects", () => {
    expect(brokenIn("[old](/2010/08/23/because-killing-them-all-is-not-an-option)")).toEqual([]);
  });

  it("external links, mail, bare fragments and relative links", () => {
    const body = [
      "[w](http://en.wikipedia.org/wiki/Whiskey_Rebellion)",
      "[other site, same path](https://elsewhere.example.org/nowhere)",
      "[protocol-relative elsewhere](//cdn.example.net/x.js)",
      "[mail](mailto:someone@example.org)",
      "[section](#the-core)",
      "[relative](thoughts-on-revolution)",
      "<https://example.com/autolink>",
    ].join("\n\n");
    expect(brokenIn(body)).toEqual([]);
  });

  it("files under public/, also with escaped names", () => {
    const body = "![a picture](/images/pic.png)\n\n[a paper](/files/a%20paper.pdf)";
    expect(brokenIn(body, { publicFiles: { "images/pic.png": "png", "files/a paper.pdf": "pdf" } })).toEqual([]);
  });

  it("links inside code are not links", () => {
    expect(brokenIn("`[x](/in-a-code-span)`\n\n```md\n[y](/in-a-code-block)\n```\n\n    [z](/indented-code)")).toEqual([]);
  });
});

describe("links that lead to no page are reported as written", () => {
  it("a missing path, with its trailing slash, fragment and query as written", () => {
    expect(brokenIn("[a](/missing/) [b](/missing-too#part) [c](/missing-three?x=1)")).toEqual([
      "/missing/",
      "/missing-too#part",
      "/missing-three?x=1",
    ]);
  });

  it("an absolute URL on SITE_URL's origin to a missing page", () => {
    expect(brokenIn(`[abs](${SITE_URL}/leftlibertarian/08/10/thoughts-on-revolution) [ok](${SITE_URL}/archive)`)).toEqual([
      `${SITE_URL}/leftlibertarian/08/10/thoughts-on-revolution`,
    ]);
    expect(brokenIn("[protocol-relative](//essays.example.org/gone)")).toEqual(["//essays.example.org/gone"]);
  });

  it("reference definitions, autolinks and images", () => {
    const body = `A [reference][ref] and <${SITE_URL}/auto-gone> and ![img](/images/missing.png).\n\n[ref]: /missing-reference`;
    expect(brokenIn(body)).toEqual([`${SITE_URL}/auto-gone`, "/images/missing.png", "/missing-reference"]);
  });

  it("index pages that do not exist: page 2 of one essay, an unknown tag", () => {
    expect(brokenIn("[p2](/page/2) [p1](/page/1) [t](/tags/no-such-tag) [f](/tags/no-such-tag/feed.xml)")).toEqual([
      "/page/2",
      "/page/1",
      "/tags/no-such-tag",
      "/tags/no-such-tag/feed.xml",
    ]);
  });

  it("every essay's links, each with its own file", () => {
    const essays: Pick<Essay, "file" | "format" | "body">[] = [
      { file: "content/a.md", format: "md", body: "[x](/gone-a)" },
      { file: "content/b.md", format: "md", body: "[ok](/) [y](/gone-b)" },
    ];
    expect(findBrokenInternalLinks(essays, ["/"], { siteUrl: SITE_URL })).toEqual([
      { file: "content/a.md", link: "/gone-a" },
      { file: "content/b.md", link: "/gone-b" },
    ]);
  });
});

describe(".mdx essays", () => {
  const mdx = [
    'import { Note } from "./note"',
    "",
    "export const meta = { year: 2010 }",
    "",
    "Written in {meta.year}, see [the archive](/archive).",
    "",
    "<Note>",
    "  A note with [a missing link](/mdx-missing).",
    "</Note>",
    "",
    '<a href="/jsx-missing">an anchor</a> and <a href="/archive">a good one</a> and <a href={meta.url}>an expression</a>.',
    "",
    '<img src="/images/missing.png" alt="" />',
  ].join("\n");

  it("parses JSX, imports and expressions, and checks links in and on elements", () => {
    expect(brokenIn(mdx, { format: "mdx" })).toEqual(["/mdx-missing", "/jsx-missing", "/images/missing.png"]);
  });

  it("an .md essay with braces and HTML is not read as MDX", () => {
    expect(brokenIn('Braces {like this} and <a href="/html-link">HTML</a> stay text.')).toEqual([]);
  });

  it("loads from a folder and checks a real .mdx file", () => {
    const dir = tempContent({
      "with-jsx.mdx": essaySource("title: JSX\ncategory: essays\ndate: 2011-01-02", '<Aside>See [this](/nowhere).</Aside>'),
    });
    const essays = loadEssays(loadOptions(dir));
    const known = knownSitePaths(essays, { publicDir: dir, pageSize: 10 });
    expect(findBrokenInternalLinks(essays, known, { siteUrl: SITE_URL }).map(({ link }) => link)).toEqual(["/nowhere"]);
  });
});

describe("knownSitePaths", () => {
  const essays = realEssays();
  const first = essays[0]!;

  it("holds the essays, their old addresses, categories, tags and fixed pages", () => {
    const known = knownSitePaths(essays, { publicDir: "/nonexistent", pageSize: 10 });
    for (const path of [
      first.path,
      first.legacyPath,
      "/leftlibertarian",
      "/leftlibertarian/feed.xml",
      "/tags/pan-secessionism",
      "/tags/pan-secessionism/feed.xml",
      "/",
      "/archive",
      "/tags",
      "/feed.xml",
      "/rss.xml",
      "/feed.json",
      "/sitemap.xml",
      "/robots.txt",
      "/sign-in",
      "/profile",
    ]) {
      expect(known, path).toContain(path);
    }
  });

  it("holds the numbered pages after the home page, as many as there are", () => {
    const three = [first, { ...first, path: "/a/01/01/b" }, { ...first, path: "/a/01/01/c" }];
    const known = knownSitePaths(three, { publicDir: "/nonexistent", pageSize: 1 });
    expect([...known].filter((path) => path.startsWith("/page/")).sort()).toEqual(["/page/2", "/page/3"]);
  });
});
