// Reading a WordPress export and deciding what becomes of each comment (lib/wxr), on the
// fixture tests/fixtures/wxr/social-memory-complex.xml and the real essays in content/.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadEssays } from "@/lib/content/load-essays";
import { parseWxr, WxrError } from "@/lib/wxr/parse-wxr";
import { candidateAddresses, normalizeAddress, parseWordPressDate, planWxrImport } from "@/lib/wxr/plan-import";
import { formatWxrReport } from "@/lib/wxr/report";
import { siteConfig } from "@/site.config";

const fixture = fs.readFileSync(path.join("tests", "fixtures", "wxr", "social-memory-complex.xml"), "utf8");
const essays = loadEssays({ dir: "content", includeDrafts: true, permalinkPattern: siteConfig.permalinkPattern, defaultAuthor: siteConfig.defaultAuthor });
const ESSAY = "/leftlibertarian/08/23/because-killing-them-all-is-not-an-option";
const source = (id: string) => `wxr:socialmemorycomplex.net:${id}`;

describe("parseWxr", () => {
  const site = parseWxr(fixture);

  it("reads the site, its posts and their comments as written", () => {
    expect(site.host).toBe("socialmemorycomplex.net");
    expect(site.title).toBe("Social Memory Complex");
    expect(site.posts.map((post) => [post.type, post.title, post.comments.length])).toEqual([
      ["page", "About", 0],
      ["post", "Because Killing Them All is Not an Option", 7],
      ["post", "Thoughts on Revolution", 2],
    ]);
    const post = site.posts[1]!;
    expect(post).toMatchObject({
      link: "http://socialmemorycomplex.net/2010/08/23/because-killing-them-all-is-not-an-option/",
      name: "because-killing-them-all-is-not-an-option",
      dateLocal: "2010-08-23 10:30:00",
      dateGmt: "2010-08-23 14:30:00",
    });
    expect(post.comments[1]).toEqual({
      id: "4102",
      author: "Jeremy Weiland",
      authorUrl: "http://socialmemorycomplex.net",
      dateGmt: "2010-08-23 18:40:00",
      dateLocal: "2010-08-23 14:40:00",
      content: "<p>Exactly, Kevin. Pluralism is not a <strong>compromise</strong>; it&#8217;s the only exit.</p>",
      approved: "1",
      type: "comment",
      parentId: "4101",
    });
    expect(post.comments.map((c) => [c.id, c.approved, c.type, c.parentId])).toEqual([
      ["4101", "1", "", "0"],
      ["4102", "1", "comment", "4101"],
      ["4103", "1", "", "4102"],
      ["4104", "0", "", "0"],
      ["4105", "spam", "", "0"],
      ["4106", "1", "pingback", "0"],
      ["4107", "1", "", "4105"],
    ]);
    expect(post.comments[5]?.author).toBe("Mutualist Blog » Pluralism and its discontents");
  });

  it("never reads commenters' e-mail or IP addresses", () => {
    const text = JSON.stringify(site);
    expect(text).not.toContain("@example.org");
    expect(text).not.toContain("192.0.2.");
  });

  it("refuses what is not a WordPress export, saying why", () => {
    expect(() => parseWxr("<rss><channel><item></rss>")).toThrow(WxrError);
    expect(() => parseWxr("<rss><channel><item></rss>")).toThrow(/not well-formed XML at line 1/);
    expect(() => parseWxr("<html><body/></html>")).toThrow(/no <rss><channel>/);
    expect(() => parseWxr("<rss><channel><title>Feed</title><item><title>x</title></item></channel></rss>")).toThrow(/plain RSS feed/);
    expect(() => parseWxr("<rss><channel><wp:wxr_version>1.2</wp:wxr_version></channel></rss>")).toThrow(/no usable site address/);
  });
});

describe("planWxrImport", () => {
  const plan = planWxrImport({ site: parseWxr(fixture), essays });
  const byId = new Map(plan.comments.map((comment) => [comment.wpId, comment]));

  it("accounts for every comment in the file exactly once", () => {
    const missing = plan.missingEssays.reduce((sum, post) => sum + post.comments, 0);
    expect(plan.totalComments).toBe(9);
    expect(plan.postsWithComments).toBe(2);
    expect(plan.comments.length + plan.skipped.length + missing).toBe(plan.totalComments);
  });

  it("maps the post to its essay by the old address, keeping the thread (a reply to a reply)", () => {
    expect(plan.comments.map((c) => [c.wpId, c.parentSourceId, c.depth])).toEqual([
      ["4101", null, 0],
      ["4104", null, 0],
      ["4107", null, 0],
      ["4102", source("4101"), 1],
      ["4103", source("4102"), 2],
    ]);
    expect(new Set(plan.comments.map((c) => c.essayPath))).toEqual(new Set([ESSAY]));
    expect(plan.comments.map((c) => c.sourceId)).toEqual(["4101", "4104", "4107", "4102", "4103"].map(source));
  });

  it("takes GMT dates, the approval status and the author's name only", () => {
    expect(byId.get("4101")).toMatchObject({ authorName: "Kevin Carson", status: "published", createdAt: new Date("2010-08-23T16:12:04Z") });
    expect(byId.get("4103")?.createdAt).toEqual(new Date("2010-08-24T02:15:31Z"));
    expect(byId.get("4104")).toMatchObject({ authorName: "Anna B.", status: "pending" });
    expect(JSON.stringify(plan.comments)).not.toMatch(/@example\.org|mutualist\.example\.org\/"|192\.0\.2/);
  });

  it("turns comment HTML into comment Markdown, rendered and sanitized like a reader's", () => {
    expect(byId.get("4101")?.body).toBe(
      "This is the question *every* revolutionary movement dodges.\n\n" +
        "The [Whiskey Rebellion](http://en.wikipedia.org/wiki/Whiskey_Rebellion) is a good example & a sobering one.\\\n" +
        "Secession has to run both ways.",
    );
    expect(byId.get("4101")?.bodyHtml).toContain('<a href="http://en.wikipedia.org/wiki/Whiskey_Rebellion" rel="nofollow ugc noopener">Whiskey Rebellion</a>');
    expect(byId.get("4101")?.bodyHtml).toContain("<em>every</em>");
    expect(byId.get("4102")?.body).toBe("Exactly, Kevin. Pluralism is not a **compromise**; it’s the only exit.");
    expect(byId.get("4103")?.body).toBe("Agreed. Panarchy, then.");
    expect(byId.get("4103")?.bodyHtml).not.toContain("script");
    // Asterisks a WordPress reader typed were shown as asterisks there, and still are.
    expect(byId.get("4107")?.bodyHtml).toBe("<p>Replying to the comment above mine, which seems to be an ad.</p>\n<p>Still: *the* point stands.</p>");
  });

  it("reports spam and pingbacks as skipped, and the reply to the spam as made top-level", () => {
    expect(plan.skipped.map((c) => [c.wpId, c.reason])).toEqual([
      ["4105", "spam"],
      ["4106", "pingback"],
    ]);
    expect(plan.madeTopLevel).toEqual([{ wpId: "4107", parentWpId: "4105", postTitle: "Because Killing Them All is Not an Option", why: "parent-skipped" }]);
  });

  it("reports the post whose essay is not here, with its address and comment count", () => {
    expect(plan.missingEssays).toEqual([
      {
        title: "Thoughts on Revolution",
        link: "http://socialmemorycomplex.net/2010/08/10/thoughts-on-revolution/",
        tried: ["/2010/08/10/thoughts-on-revolution"],
        comments: 2,
      },
    ]);
  });

  it("prints a summary with every count and reason", () => {
    const report = formatWxrReport({ source: "export.xml", plan, counts: { imported: { published: 4, pending: 1 }, alreadyImported: 0 }, dryRun: false });
    expect(report).toContain("export.xml (socialmemorycomplex.net): 9 comments on 2 posts.");
    expect(report).toContain("Imported: 5 (4 published, 1 held for moderation)");
    expect(report).toContain("Skipped: 2\n  spam: 1\n");
    expect(report).toContain("  pingbacks: 1\n");
    expect(report).toContain("Not imported, no essay here for their post: 2 comments on 1 post\n  \"Thoughts on Revolution\" http://socialmemorycomplex.net/2010/08/10/thoughts-on-revolution/ — 2 comments");
    expect(report).toContain("#4107 on \"Because Killing Them All is Not an Option\": its parent #4105 was skipped (spam)");
    const again = formatWxrReport({ source: "export.xml", plan, counts: { imported: { published: 0, pending: 0 }, alreadyImported: 5 }, dryRun: true });
    expect(again).toContain("Would import: 0 — dry run, nothing was written");
    expect(again).toContain("Already imported by an earlier run: 5");
  });

  it("finds an essay by /YYYY/MM/DD/post_name when the link is a ?p= address, ignoring case and slashes", () => {
    const site = parseWxr(fixture.replace("http://socialmemorycomplex.net/2010/08/23/because-killing-them-all-is-not-an-option/", "http://socialmemorycomplex.net/?p=1187"));
    expect(planWxrImport({ site, essays }).comments).toHaveLength(5);
    expect(candidateAddresses({ link: "http://x.example/?p=1", name: "Slug", dateLocal: "2010-08-23 23:30:00", dateGmt: "2010-08-24 03:30:00" })).toEqual([
      "/2010/08/23/slug",
      "/2010/08/24/slug",
    ]);
    expect(normalizeAddress("/2010/08/23/Because-Killing-Them-All-Is-Not-An-Option//")).toBe("/2010/08/23/because-killing-them-all-is-not-an-option");
    expect(normalizeAddress("/leftlibertarian/08/23/because-killing-them-all-is-not-an-option/")).toBe(ESSAY);
  });

  it("reads WordPress dates as UTC and refuses the zero date", () => {
    expect(parseWordPressDate("2010-08-23 16:12:04")).toEqual(new Date("2010-08-23T16:12:04Z"));
    expect(parseWordPressDate("0000-00-00 00:00:00")).toBeUndefined();
    expect(parseWordPressDate("2010-02-30 00:00:00")).toBeUndefined();
    expect(parseWordPressDate("yesterday")).toBeUndefined();
  });

  it("falls back to the local date when the GMT one is zero, and reports what it cannot place", () => {
    const edited = fixture
      .replace("<wp:comment_date_gmt><![CDATA[2010-08-25 09:01:00]]>", "<wp:comment_date_gmt><![CDATA[0000-00-00 00:00:00]]>")
      .replace("<wp:comment_approved><![CDATA[0]]>", "<wp:comment_approved><![CDATA[trash]]>")
      .replace("[CDATA[Agreed. <script>", "[CDATA[<img src=x><script>")
      .replace("Panarchy, then.]]>", "]]>");
    const plan = planWxrImport({ site: parseWxr(edited), essays });
    expect(plan.skipped.map((c) => [c.wpId, c.reason])).toEqual([
      ["4103", "empty"],
      ["4104", "trash"],
      ["4105", "spam"],
      ["4106", "pingback"],
    ]);
    const local = planWxrImport({
      site: parseWxr(fixture.replace("<wp:comment_date_gmt><![CDATA[2010-08-25 09:01:00]]>", "<wp:comment_date_gmt><![CDATA[0000-00-00 00:00:00]]>")),
      essays,
    });
    expect(local.comments.find((c) => c.wpId === "4104")?.createdAt).toEqual(new Date("2010-08-25T05:01:00Z"));
  });
});
