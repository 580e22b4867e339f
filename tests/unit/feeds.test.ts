import { XMLParser } from "fast-xml-parser";
import { beforeAll, describe, expect, it } from "vitest";
import { env } from "@/env.js";
import { loadEssays, type Essay } from "@/lib/content/load-essays";
import { buildFeed, toJsonFeed11, type FeedScope } from "@/lib/feeds/build-feed";
import { essaySource, loadOptions, tempContent } from "../support/temp-content";

const SITE = env.SITE_URL;
const ESSAY_URL = `${SITE}/leftlibertarian/08/23/because-killing-them-all-is-not-an-option`;
const TITLE = "Because Killing Them All is Not an Option";
const PUBLISHED = "2010-08-23T00:00:00.000Z";

// Two essays: the real first one, and one with a site-relative image and an updated date.
const second = essaySource(
  "title: A Later Note\ncategory: notes\ndate: 2011-01-02\nupdated: 2011-02-03\nauthor: A Guest",
  "A picture: ![map](/images/map.png). And [the first essay](/leftlibertarian/08/23/because-killing-them-all-is-not-an-option).",
);

const parser = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: "@", isArray: (name) => ["entry", "item", "link"].includes(name) });

let essays: Essay[];
let scope: FeedScope;

beforeAll(async () => {
  const dir = tempContent({ "a-later-note.md": second });
  essays = [...loadEssays(loadOptions(dir)), ...loadEssays(loadOptions("content"))];
  scope = { title: "Test feed", path: "/", essays };
});

/** The first essay's item is the second (newest first). */
const firstEssayHtmlChecks = (html: string) => {
  expect(html).toContain("<em>address them</em>");
  // Site-relative links in the body became absolute: a feed reader has no base address.
  expect(html).toContain(`href="${SITE}/leftlibertarian/08/10/thoughts-on-revolution"`);
  expect(html).not.toContain('href="/');
  // Full content, not an excerpt: the first and the last sentence are both there.
  expect(html).toContain("depart with me on a thought experiment");
  expect(html).toContain("Or are you only in it for a final triumph of good over evil?");
  expect(html).toMatch(/<ol>[\s\S]*<li>[\s\S]*<\/ol>/);
};

describe("Atom", () => {
  it("parses and carries each essay's title, link, full content and dates", async () => {
    const xml = (await buildFeed(scope, "/feed.xml")).atom1();
    const { feed } = parser.parse(xml);
    expect(feed.title).toBe("Test feed");
    expect(feed.link).toEqual(expect.arrayContaining([expect.objectContaining({ "@rel": "self", "@href": `${SITE}/feed.xml` })]));
    expect(feed.entry).toHaveLength(2);
    const entry = feed.entry[1];
    expect(entry.title["#text"] ?? entry.title).toContain(TITLE);
    expect(entry.id).toBe(ESSAY_URL);
    expect(entry.link[0]["@href"]).toBe(ESSAY_URL);
    expect(entry.published).toBe(PUBLISHED);
    expect(entry.updated).toBe(PUBLISHED);
    expect(entry.author.name).toBe("Jeremy Weiland");
    firstEssayHtmlChecks(entry.content["#text"]);
    expect(feed.entry[0].updated).toBe("2011-02-03T00:00:00.000Z");
    expect(feed.entry[0].published).toBe("2011-01-02T00:00:00.000Z");
    expect(feed.entry[0].content["#text"]).toContain(`src="${SITE}/images/map.png"`);
    expect(feed.entry[0].content["#text"]).toContain(`href="${ESSAY_URL}"`);
  });
});

describe("RSS", () => {
  it("parses and carries each essay's title, link, full content and date", async () => {
    const xml = (await buildFeed(scope, "/rss.xml")).rss2();
    const { rss } = parser.parse(xml);
    expect(rss["@version"]).toBe("2.0");
    const item = rss.channel.item[1];
    expect(item.title).toContain(TITLE);
    expect(item.link[0]).toBe(ESSAY_URL);
    expect(item.guid["#text"] ?? item.guid).toBe(ESSAY_URL);
    expect(new Date(item.pubDate).toISOString()).toBe(PUBLISHED);
    firstEssayHtmlChecks(item["content:encoded"]);
    expect(rss.channel.item[0]["content:encoded"]).toContain(`src="${SITE}/images/map.png"`);
  });
});

describe("JSON Feed 1.1", () => {
  it("parses, says version 1.1, has authors and each essay's title, link, full content and dates", async () => {
    const feed = JSON.parse(toJsonFeed11((await buildFeed(scope, "/feed.json")).json1()));
    expect(feed.version).toBe("https://jsonfeed.org/version/1.1");
    expect(feed.language).toBe("en");
    expect(feed.author).toBeUndefined();
    expect(feed.authors).toEqual([{ name: "Jeremy Weiland", url: SITE }]);
    expect(feed.items).toHaveLength(2);
    const item = feed.items[1];
    expect(item.title).toContain(TITLE);
    expect(item.id).toBe(ESSAY_URL);
    expect(item.url).toBe(ESSAY_URL);
    expect(item.date_published).toBe(PUBLISHED);
    expect(item.author).toBeUndefined();
    expect(item.authors).toEqual([{ name: "Jeremy Weiland" }]);
    firstEssayHtmlChecks(item.content_html);
    expect(feed.items[0].authors).toEqual([{ name: "A Guest" }]);
    expect(feed.items[0].date_modified).toBe("2011-02-03T00:00:00.000Z");
    expect(feed.items[0].content_html).toContain(`src="${SITE}/images/map.png"`);
  });

  it("an empty scope still gives a valid feed", async () => {
    const feed = JSON.parse(toJsonFeed11((await buildFeed({ title: "Empty", path: "/tags/none", essays: [] }, "/x")).json1()));
    expect(feed).toMatchObject({ version: "https://jsonfeed.org/version/1.1", title: "Empty", items: [] });
  });
});
