import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, newUser, signInWithOidc, test } from "./harness/fixtures";
import { MODERATOR } from "./harness/people";
import { captureForm, replayForm } from "./harness/replay-form";
import type { OidcUser } from "../support/oidc-server";

// A moderator and readers in separate browsers, on an essay of its own so that locking its
// thread never gets in the way of the other specs running at the same time.
const ESSAY = "/fixtures/07/01/a-moderated-conversation";

test.describe.configure({ mode: "serial" });

const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function personIn(browser: Browser, user: OidcUser, path = ESSAY): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInWithOidc(page, user, path);
  return { context, page };
}

async function post(page: Page, text: string): Promise<number> {
  await page.goto(ESSAY);
  await page.getByLabel("Join the conversation").fill(text);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page).toHaveURL(/#comment-\d+$/);
  return Number(page.url().split("#comment-")[1]);
}

/** What an anonymous reader without JavaScript receives. */
async function publicHtml(page: Page): Promise<string> {
  return (await page.request.get(ESSAY, { headers: { Cookie: "" } })).text();
}

const countIn = (html: string) => Number(html.match(/<h2 id="comments-title">(\d+) comments?<\/h2>/)?.[1] ?? 0);

test("a moderator hides a comment with a reason and restores it; its author still sees the text", async ({ browser }) => {
  const reader = newUser("Hidden");
  const author = await personIn(browser, reader);
  const text = unique("A comment a moderator will hide.");
  const id = await post(author.page, text);
  const before = countIn(await publicHtml(author.page));

  const moderator = await personIn(browser, MODERATOR);
  const comment = moderator.page.locator(`#comment-${id}`);
  await comment.getByRole("button", { name: `Hide the comment by ${reader.name}` }).click();
  await comment.getByLabel("Reason", { exact: true }).selectOption("Spam");
  await comment.getByRole("button", { name: "Hide comment" }).click();
  await expect(moderator.page.locator(`#comment-${id}`)).toContainText("[removed by a moderator: Spam]");

  const hidden = await publicHtml(author.page);
  expect(hidden).not.toContain(text);
  expect(hidden).toContain("[removed by a moderator: Spam]");
  expect(countIn(hidden)).toBe(before - 1);

  await author.page.reload();
  await expect(author.page.locator(`#comment-${id}`)).toContainText("Only you see your text:");
  await expect(author.page.locator(`#comment-${id}`)).toContainText(text);

  await moderator.page.reload();
  await moderator.page.locator(`#comment-${id}`).getByRole("button", { name: "Restore this comment" }).click();
  await expect(moderator.page.locator(`#comment-${id} .comment-body`)).toContainText(text);
  const restored = await publicHtml(author.page);
  expect(restored).toContain(text);
  expect(countIn(restored)).toBe(before);
  await author.context.close();
  await moderator.context.close();
});

test("a moderator locks the thread, readers cannot post, and unlocking opens it again", async ({ browser }) => {
  const author = await personIn(browser, newUser("Locked"));
  const moderator = await personIn(browser, MODERATOR);
  await moderator.page.getByRole("button", { name: "Lock conversation" }).click();
  await expect(moderator.page.getByRole("button", { name: "Unlock conversation" })).toBeVisible();

  await author.page.reload();
  await expect(author.page.getByText("A moderator has locked this conversation")).toBeVisible();
  await expect(author.page.getByLabel("Join the conversation")).toHaveCount(0);
  const refused = await author.page.request.post("/api/comments", { data: { essayPath: ESSAY, body: "Still talking" } });
  expect(refused.status()).toBe(403);

  await moderator.page.getByRole("button", { name: "Unlock conversation" }).click();
  await expect(moderator.page.getByRole("button", { name: "Lock conversation" })).toBeVisible();
  await post(author.page, unique("Open again."));
  await author.context.close();
  await moderator.context.close();
});

test("a banned reader's posts are refused with the reason until the ban is lifted", async ({ browser }) => {
  const reader = newUser("Banned");
  const author = await personIn(browser, reader);
  await post(author.page, unique("Before the ban."));

  const moderator = await personIn(browser, MODERATOR, `/admin?view=recent&essay=${encodeURIComponent(ESSAY)}`);
  await moderator.page.goto(`/admin?view=recent&essay=${encodeURIComponent(ESSAY)}`);
  const card = moderator.page.locator("article.admin-card", { hasText: reader.name }).first();
  await card.getByText(`Ban ${reader.name}…`).click();
  const banForm = card.locator("form", { has: moderator.page.getByRole("button", { name: `Ban ${reader.name}` }) });
  await banForm.getByLabel("Reason", { exact: true }).selectOption("Personal attack");
  await banForm.getByRole("button", { name: `Ban ${reader.name}` }).click();
  await expect(moderator.page.getByRole("status")).toBeVisible();

  await author.page.goto(ESSAY);
  const attempt = unique("After the ban.");
  await author.page.getByLabel("Join the conversation").fill(attempt);
  await author.page.getByRole("button", { name: "Post comment" }).click();
  await expect(author.page.getByRole("alert").filter({ hasText: "A moderator has stopped you from commenting" })).toContainText(
    "Reason: Personal attack",
  );
  await expect(author.page.getByLabel("Join the conversation")).toHaveValue(attempt);

  await moderator.page.goto("/admin?view=bans");
  await moderator.page.getByRole("button", { name: `Lift ban on ${reader.name}` }).click();
  await expect(moderator.page.getByRole("button", { name: `Lift ban on ${reader.name}` })).toHaveCount(0);
  await post(author.page, unique("After the ban was lifted."));
  await author.context.close();
  await moderator.context.close();
});

test("a reader reports a comment once; it appears for moderators and is resolved", async ({ browser }) => {
  const writer = newUser("Reported");
  const author = await personIn(browser, writer);
  const text = unique("A comment someone finds off topic.");
  const id = await post(author.page, text);

  const reporter = await personIn(browser, newUser("Reporter"));
  const comment = reporter.page.locator(`#comment-${id}`);
  await comment.getByRole("button", { name: `Report the comment by ${writer.name}` }).click();
  await comment.getByLabel("Reason", { exact: true }).selectOption("Off topic");
  await comment.getByRole("button", { name: "Send report" }).click();
  await expect(comment.getByRole("status").filter({ hasText: "A moderator will look at this comment." })).toBeVisible();
  // A second report of the same comment by the same reader is refused.
  await reporter.page.reload();
  await reporter.page.locator(`#comment-${id}`).getByRole("button", { name: `Report the comment by ${writer.name}` }).click();
  await reporter.page.locator(`#comment-${id}`).getByRole("button", { name: "Send report" }).click();
  await expect(reporter.page.locator(`#comment-${id}`).getByRole("alert")).toContainText(/already/i);

  const moderator = await personIn(browser, MODERATOR, "/admin?view=reports");
  await moderator.page.goto("/admin?view=reports");
  const report = moderator.page.locator("article", { hasText: text }).first();
  await expect(report).toContainText("Off topic");
  await report.getByLabel("What was done").fill("No rule broken");
  await report.getByRole("button", { name: "Resolve report" }).click();
  await expect(moderator.page.locator("article", { hasText: text })).toHaveCount(0);

  // The log lists what was done, newest first, with who did it.
  await moderator.page.goto("/admin?view=log");
  const log = moderator.page.locator(".admin-view");
  await expect(log).toContainText("No rule broken");
  await expect(log).toContainText(MODERATOR.name);
  for (const action of [/hid/i, /restored/i, /locked/i, /unlocked/i, /banned/i, /lifted|unbanned/i, /resolved/i]) await expect(log).toContainText(action);
  await author.context.close();
  await reporter.context.close();
  await moderator.context.close();
});

test("every moderation action refuses anonymous visitors and plain readers, changing nothing", async ({ browser, playwright }) => {
  const reader = newUser("Victim");
  const author = await personIn(browser, reader);
  const text = unique("A comment nobody but a moderator may touch.");
  const id = await post(author.page, text);

  // The moderator's own forms, as a browser without JavaScript would send them.
  const moderatorState = await (await personIn(browser, MODERATOR, "/admin")).context.storageState();
  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: moderatorState });
  const admin = await noScript.newPage();
  await admin.goto(`/admin?view=recent&essay=${encodeURIComponent(ESSAY)}`);
  const card = `article.admin-card:has(a[href="/comments/${id}"])`;
  const hide = await captureForm(admin, `${card} form:has(button:text("Hide comment"))`);
  const ban = await captureForm(admin, `${card} form:has(button:text("Ban ${reader.name}"))`);
  const lock = await captureForm(admin, `form:has(input[name="essayPath"])`).catch(() => undefined);
  await noScript.close();
  const logBefore = await logLength(browser, moderatorState);

  const anonymous = await playwright.request.newContext({ baseURL: test.info().project.use.baseURL });
  for (const [who, request] of [
    ["anonymous", anonymous],
    ["plain reader", author.page.request],
  ] as const) {
    for (const [name, form] of [
      ["hide", hide],
      ["ban", ban],
      ...(lock ? [["lock", lock] as const] : []),
    ] as const) {
      const response = await replayForm(request, form);
      expect(response.status(), `${name} as ${who}`).toBeLessThan(500);
      const location = response.headers().location ?? "";
      if (location) expect(location, `${name} as ${who}`).toContain("notice=forbidden");
    }
  }
  // Nothing changed: the comment is public, the author can still post, and the log has no new entry.
  expect(await publicHtml(author.page)).toContain(text);
  await post(author.page, unique("Still allowed to post."));
  expect(await logLength(browser, moderatorState)).toBe(logBefore);
  await anonymous.dispose();
  await author.context.close();
});

async function logLength(browser: Browser, storageState: Awaited<ReturnType<BrowserContext["storageState"]>>): Promise<number> {
  const context = await browser.newContext({ storageState });
  const page = await context.newPage();
  await page.goto("/admin?view=log");
  const entries = await page.locator(".admin-view li").count();
  await context.close();
  return entries;
}

test("plain readers and anonymous visitors get no moderation page", async ({ page, request }) => {
  const anonymous = await request.get("/admin", { maxRedirects: 0 });
  expect([302, 303, 307]).toContain(anonymous.status());
  expect(anonymous.headers().location).toContain("/sign-in");
  await signInWithOidc(page, newUser("Curious"), "/");
  const response = await page.goto("/admin");
  expect(response?.status()).toBe(404);
});
