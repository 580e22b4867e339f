import Database from "better-sqlite3";
import { expect, test } from "@playwright/test";

// A thread of 5,000 comments renders, in one page, from one query.
const LONG = "/fixtures/06/01/a-long-conversation";
const TOTAL = 5000;

/**
 * Seeds the thread straight into the suite's SQLite file (as imported comments, authors by
 * name only) and records the invalidation the way the app does, in cache_tag_events.
 */
function seedLongThread(file: string) {
  const db = new Database(file);
  db.pragma("busy_timeout = 5000");
  const insert = db.prepare(
    "insert into comments (essay_path, parent_id, author_name, body, body_html, status, created_at) values (?, ?, ?, ?, ?, 'published', ?)",
  );
  const nextSeq = db.prepare("select coalesce(max(seq), 0) + 1 as seq from cache_tag_events");
  const expire = db.prepare(
    "insert into cache_tag_events (tag, stale_at, expired_at, seq) values (?, null, ?, ?) on conflict (tag) do update set expired_at = excluded.expired_at, seq = excluded.seq",
  );
  db.transaction(() => {
    const start = Date.UTC(2020, 0, 1);
    let parent: number | null = null;
    for (let i = 1; i <= TOTAL; i += 1) {
      // Every tenth comment starts a new thread; the others answer the one before, ten deep.
      if (i % 10 === 1) parent = null;
      const text = `Comment number ${i} in a long and patient conversation.`;
      const { lastInsertRowid } = insert.run(LONG, parent, `Reader ${i % 97}`, text, `<p>${text}</p>`, start + i * 1000);
      parent = Number(lastInsertRowid);
    }
    let seq = (nextSeq.get() as { seq: number }).seq;
    for (const tag of [`comments:${LONG}`, "comment-counts"]) expire.run(tag, Date.now(), seq++);
  }).immediate();
  db.close();
}

test("a thread of 5,000 comments renders in the page's HTML", async ({ browser, request }) => {
  test.setTimeout(120_000);
  seedLongThread(process.env.E2E_DATABASE_FILE ?? "");
  const html = await (await request.get(LONG)).text();
  expect(html.match(/<article id="comment-\d+"/g)?.length).toBe(TOTAL);
  expect(html).toContain("5,000 comments");

  // A reader without JavaScript gets all of it; the deepest replies are listed flat, saying whom they answer.
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(LONG);
  await expect(page.locator("article.comment")).toHaveCount(TOTAL);
  await expect(page.locator("article.comment").filter({ hasText: "Comment number 10 in" }).locator(".in-reply-to")).toContainText("in reply to");
  await context.close();
});
