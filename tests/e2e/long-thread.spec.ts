import Database from "better-sqlite3";
import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, APIResponse } from "@playwright/test";
import { expect, newUser, signInWithOidc, test, waitForViewer } from "./harness/fixtures";

// A thread of 5,000 comments: one query, read in pages of whole conversations (the suite runs
// with COMMENTS_PER_PAGE=500, see harness/global-setup.ts), every comment reachable without
// JavaScript, every link to a comment finding its page (docs/decisions/016).
const LONG = "/fixtures/06/01/a-long-conversation";
const TOTAL = 5000;
const PER_CONVERSATION = 10;
const PER_PAGE = 500;
const PAGES = TOTAL / PER_PAGE;

/**
 * Seeds the thread straight into the suite's SQLite file (as imported comments, authors by
 * name only) and records the invalidation the way the app does, in cache_tag_events. Every
 * tenth comment starts a conversation; the others answer the one before, ten deep.
 * Returns the id of comment number i at index i.
 */
function seedLongThread(file: string): number[] {
  const db = new Database(file);
  db.pragma("busy_timeout = 5000");
  const insert = db.prepare(
    "insert into comments (essay_path, parent_id, author_name, body, body_html, status, created_at) values (?, ?, ?, ?, ?, 'published', ?)",
  );
  const nextSeq = db.prepare("select coalesce(max(seq), 0) + 1 as seq from cache_tag_events");
  const expire = db.prepare(
    "insert into cache_tag_events (tag, stale_at, expired_at, seq) values (?, null, ?, ?) on conflict (tag) do update set expired_at = excluded.expired_at, seq = excluded.seq",
  );
  const ids: number[] = [0];
  db.transaction(() => {
    const start = Date.UTC(2020, 0, 1);
    let parent: number | null = null;
    for (let i = 1; i <= TOTAL; i += 1) {
      if (i % PER_CONVERSATION === 1) parent = null;
      const text = `Comment number ${i} in a long and patient conversation.`;
      const { lastInsertRowid } = insert.run(LONG, parent, `Reader ${i % 97}`, text, `<p>${text}</p>`, start + i * 1000);
      parent = Number(lastInsertRowid);
      ids.push(parent);
    }
    let seq = (nextSeq.get() as { seq: number }).seq;
    for (const tag of [`comments:${LONG}`, "comment-counts"]) expire.run(tag, Date.now(), seq++);
  }).immediate();
  db.close();
  return ids;
}

const articleIds = (html: string) => [...html.matchAll(/<article id="comment-(\d+)"/g)].map((match) => Number(match[1]));
/** The "later comments" link of the thread's own page navigation (the essay's "next essay" link is another). */
const nextLink = (html: string) => html.split('<nav class="thread-pages"')[1]?.match(/<a href="([^"]+)" rel="next"/)?.[1];

/** Follows the "next" links from `start` to the last page: every page's comment ids, in order. */
async function crawl(request: APIRequestContext, start: string): Promise<{ url: string; ids: number[] }[]> {
  const pages: { url: string; ids: number[] }[] = [];
  let url: string | undefined = start;
  while (url && pages.length <= PAGES + 1) {
    const response = await request.get(url);
    expect(response.status(), url).toBe(200);
    const html = await response.text();
    pages.push({ url, ids: articleIds(html) });
    url = nextLink(html);
  }
  return pages;
}

let ids: number[] = [];

test.describe.configure({ mode: "serial" });

test.beforeAll(() => {
  ids = seedLongThread(process.env.E2E_DATABASE_FILE ?? "");
});

test("all 5,000 comments are in the HTML, page after page of whole conversations", async ({ request }) => {
  test.setTimeout(180_000);
  const first = await (await request.get(LONG)).text();
  expect(first).toContain("5,000 comments");
  expect(first).toContain(`Page 1 of ${PAGES}`);

  const pages = await crawl(request, LONG);
  expect(pages.map((page) => page.url)).toEqual([LONG, ...Array.from({ length: PAGES - 1 }, (_, i) => `${LONG}/comments/${i + 2}#comments`)]);
  const all = pages.flatMap((page) => page.ids);
  expect(all).toHaveLength(TOTAL);
  expect(new Set(all).size).toBe(TOTAL);
  // Oldest first, and a conversation is never split across pages.
  expect(all).toEqual(ids.slice(1));
  for (const page of pages) expect(page.ids.length % PER_CONVERSATION, page.url).toBe(0);

  // Newest first: the newest conversation leads, replies inside it still oldest first.
  const newest = await crawl(request, `${LONG}/comments/newest`);
  expect(newest).toHaveLength(PAGES);
  expect(newest[0]!.ids.slice(0, 2)).toEqual([ids[4991], ids[4992]]);
  expect(newest.flatMap((page) => page.ids).sort((a, b) => a - b)).toEqual(ids.slice(1));
});

test("a long page served again from the cache is the same whole UTF-8 document (sent as bytes, decision 043)", async ({ request }) => {
  const read = async () => {
    const response = await request.get(`${LONG}/comments/3`);
    expect(response.status()).toBe(200);
    return { response, body: await response.body() };
  };
  const first = await read();
  const second = await read();
  expect(second.response.headers()["x-nextjs-cache"]).toBe("HIT");
  expect(second.response.headers()["content-type"]).toContain("charset=utf-8");
  // Over the 64 K characters above which the cache hands Next a Buffer, and identical to the first read.
  expect(second.body.length).toBeGreaterThan(64 * 1024);
  expect(second.body.equals(first.body)).toBe(true);
  const html = second.body.toString("utf8");
  expect(html.trimEnd().endsWith("</html>")).toBe(true);
  expect(html).toContain("Comments on “A Long Conversation”");
  expect(articleIds(html)).toEqual(ids.slice(1001, 1501));
});

test("a reader without JavaScript pages through the thread and follows a comment's lasting address", async ({ browser }) => {
  test.setTimeout(120_000);
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(LONG);
  await expect(page.locator("article.comment")).toHaveCount(PER_PAGE);
  // Past six levels, replies are listed flat and say whom they answer.
  await expect(page.locator("article.comment").filter({ hasText: "Comment number 10 in" }).locator(".in-reply-to")).toContainText("in reply to");

  const pages = page.getByRole("navigation", { name: "Pages of comments" });
  await expect(pages).toContainText(`Page 1 of ${PAGES}`);
  await pages.getByRole("link", { name: "Later comments →" }).click();
  await expect(page).toHaveURL(`${LONG}/comments/2#comments`);
  await expect(page.getByRole("heading", { level: 1 })).toContainText("Comments on “A Long Conversation”");
  await expect(page.locator(`#comment-${ids[501]}`)).toContainText("Comment number 501 in");
  await expect(pages.getByRole("link", { name: "Page 2" })).toHaveAttribute("aria-current", "page");
  await pages.getByRole("link", { name: `Page ${PAGES}` }).click();
  await expect(page).toHaveURL(`${LONG}/comments/${PAGES}#comments`);
  await expect(page.locator("article.comment").last()).toContainText(`Comment number ${TOTAL} in`);

  await page.getByRole("navigation", { name: "Order of comments" }).getByRole("link", { name: "Newest first" }).click();
  await expect(page).toHaveURL(`${LONG}/comments/newest#comments`);
  await expect(page.locator("article.comment").first()).toContainText("Comment number 4991 in");

  // The address e-mails and feeds use: it finds the page, and the comment is the target.
  await page.goto(`/comments/${ids[4321]}`);
  await expect(page).toHaveURL(`${LONG}/comments/9#comment-${ids[4321]}`);
  await expect(page.locator(`#comment-${ids[4321]}`)).toBeInViewport();
  expect(await page.locator(`#comment-${ids[4321]}`).evaluate((element) => element.matches(":target"))).toBe(true);
  await context.close();
});

/** Where a redirect leads. (Next 16 repeats the Location header of a redirect from a prerendered page; browsers accept identical copies.) */
const locationOf = (response: APIResponse) => [
  ...new Set(response.headersArray().filter((header) => header.name.toLowerCase() === "location").map((header) => header.value)),
];

test("odd page addresses: the first page is the essay, a page too far leads to the last, nonsense is not found", async ({ request }) => {
  const one = await request.get(`${LONG}/comments/1`, { maxRedirects: 0 });
  expect(one.status()).toBe(308);
  expect(locationOf(one)).toEqual([LONG]);
  const padded = await request.get(`${LONG}/comments/02`, { maxRedirects: 0 });
  expect(padded.status()).toBe(308);
  expect(locationOf(padded)).toEqual([`${LONG}/comments/2`]);
  const newestOne = await request.get(`${LONG}/comments/newest/1`, { maxRedirects: 0 });
  expect(newestOne.status()).toBe(308);
  expect(locationOf(newestOne)).toEqual([`${LONG}/comments/newest`]);
  const far = await request.get(`${LONG}/comments/999`, { maxRedirects: 0 });
  expect(far.status()).toBe(307);
  expect(locationOf(far)).toEqual([`${LONG}/comments/${PAGES}`]);
  for (const bad of [`${LONG}/comments/abc`, `${LONG}/comments/0`, `${LONG}/comments/newest/2/3`, "/fixtures/04/01/a-quiet-essay/comments/2"]) {
    expect((await request.get(bad)).status(), bad).toBe(404);
  }
  expect((await request.get("/comments/99999999")).status()).toBe(404);
});

test("a reply on a later page and a new conversation each appear on their page, at once", async ({ page }) => {
  test.setTimeout(180_000);
  // A page of 500 comments, each with its reply and vote controls: on a loaded two-core CI
  // machine the browser takes well over the default 10 s to render the page the post leads
  // back to. What is asserted is where the reader lands and what they see, not how fast.
  const rendered = { timeout: 45_000 };
  const reader = newUser("Pager");
  await signInWithOidc(page, reader, `${LONG}/comments/3`);
  await waitForViewer(page, rendered);
  const parent = page.locator(`#comment-${ids[1201]}`);
  await parent.getByRole("link", { name: /^Reply/ }).first().click();
  const reply = `A reply deep in the thread ${Date.now().toString(36)}.`;
  await parent.locator("form.comment-form").getByRole("textbox").fill(reply);
  await parent.locator("form.comment-form").getByRole("button", { name: "Post reply" }).click();
  await expect(page).toHaveURL(new RegExp(`${LONG}/comments/3#comment-\\d+$`), rendered);
  await expect(page.locator("article.comment").filter({ hasText: reply })).toBeVisible(rendered);

  // That reply made page 3 one conversation too long, so its last conversation moved to page 4:
  // an old link to it there finds it anyway.
  await page.goto("/");
  await page.goto(`${LONG}/comments/3#comment-${ids[1491]}`);
  await expect(page).toHaveURL(`${LONG}/comments/4#comment-${ids[1491]}`, rendered);
  await expect(page.locator(`#comment-${ids[1491]}`)).toBeInViewport(rendered);

  // A new conversation joins the last page (every later conversation moved on by one with
  // the reply above): the author is taken there.
  await page.goto(LONG);
  await waitForViewer(page, rendered);
  const text = `A new conversation at the end ${Date.now().toString(36)}.`;
  await page.getByLabel("Join the conversation").fill(text);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page).toHaveURL(new RegExp(`${LONG}/comments/\\d+#comment-\\d+$`), rendered);
  await expect(page.locator("article.comment").filter({ hasText: text })).toBeVisible(rendered);
  const last = page.url().match(/comments\/(\d+)#/)![1];
  await expect(page.getByRole("navigation", { name: "Pages of comments" })).toContainText(`Page ${last} of ${last}`);
  await expect(page.locator("article.comment").last()).toContainText(text);
});

test("axe finds no violations in a later page's heading, order and page links", async ({ page }) => {
  await page.goto(`${LONG}/comments/2`);
  // The comments themselves are checked on the essay page (comments.spec.ts); five hundred of
  // them would only slow axe down. Here: what a later page adds.
  const first = `#comment-${ids[501]}`;
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page })
      .include(".thread-page-header")
      .include("#comments-title")
      .include("nav.comment-sort")
      .include("nav.thread-pages")
      .include(first)
      .analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  }
});
