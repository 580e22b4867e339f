import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { expect, newUser, signInWithOidc, test, waitForViewer } from "./harness/fixtures";

// Issue #12 item 8, in the thread: a very long comment is shown folded with "Show all", with and
// without JavaScript, and folding it moves nothing once the page has loaded (decision 031).
const ESSAY = "/leftlibertarian/08/23/because-killing-them-all-is-not-an-option";

test.describe.configure({ mode: "serial" });

let longId = 0;
let shortId = 0;
/** The page of the thread that shows them (other specs may have filled the first one). */
let threadPage = ESSAY;
let storage: Awaited<ReturnType<import("@playwright/test").BrowserContext["storageState"]>>;
const token = `fold-${Date.now().toString(36)}`;
const lastWords = `The last sentence of ${token}.`;

async function post(page: Page, text: string): Promise<number> {
  const before = page.url();
  await page.getByLabel("Join the conversation").fill(text);
  await page.getByRole("button", { name: "Post comment" }).click();
  // The address of the new comment (after a first post the old permalink is still there).
  await page.waitForURL((url) => /#comment-\d+$/.test(url.hash) && url.href !== before);
  return Number(page.url().split("#comment-")[1]);
}

/** How much of the text is out of sight: 0 when the whole comment shows. */
const hiddenPixels = (body: Locator) => body.evaluate((el) => el.scrollHeight - el.clientHeight);

test.beforeAll(async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInWithOidc(page, newUser("Longwinded"), ESSAY);
  const paragraph = "A conversation worth having takes patience, and patience takes room to breathe. ".repeat(6).trim();
  const long = `${token} begins here.\n\n${Array.from({ length: 14 }, () => paragraph).join("\n\n")}\n\n${lastWords}`;
  longId = await post(page, long);
  shortId = await post(page, `A short one beside ${token}.`);
  threadPage = new URL(page.url()).pathname;
  storage = await context.storageState();
  await context.close();
});

test("a long comment shows folded with Show all, which unfolds it in place; a short one does not fold", async ({ page }) => {
  await page.goto(`${threadPage}#comment-${shortId}`);
  const comment = page.locator(`#comment-${longId}`);
  const body = comment.locator(".comment-body");
  await expect(comment).toContainText(lastWords); // the whole text is in the page, for search and screen readers
  expect(await hiddenPixels(body)).toBeGreaterThan(100);
  await expect(page.locator(`#comment-${shortId}`).getByRole("link", { name: /Show all/ })).toHaveCount(0);

  const showAll = comment.getByRole("link", { name: /^Show all/ });
  await expect(showAll).toHaveAccessibleName(/Show all of the comment by Longwinded/);
  await expect(showAll).toHaveAttribute("aria-expanded", "false");
  expect(await new AxeBuilder({ page }).include(`#comment-${longId}`).analyze().then((r) => r.violations.map((v) => v.id))).toEqual([]);

  await showAll.focus();
  await page.keyboard.press("Enter");
  await expect(comment.getByRole("link", { name: /^Show less/ })).toHaveAttribute("aria-expanded", "true");
  await expect.poll(() => hiddenPixels(body)).toBe(0);
  await expect(page).toHaveURL(`${threadPage}#comment-${shortId}`); // in place: no navigation

  await comment.getByRole("link", { name: /^Show less/ }).click();
  await expect.poll(() => hiddenPixels(body)).toBeGreaterThan(100);
});

test("without JavaScript Show all unfolds the comment too", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(threadPage);
  const comment = page.locator(`#comment-${longId}`);
  const body = comment.locator(".comment-body");
  expect(await hiddenPixels(body)).toBeGreaterThan(100);
  await comment.getByRole("link", { name: /^Show all/ }).click();
  await expect.poll(() => hiddenPixels(body)).toBe(0);
  await expect(comment.getByText(`${token} begins here.`)).toBeInViewport();
  await expect(comment.getByRole("link", { name: /^Show all/ })).toBeHidden();
  await context.close();
});

test("the folded comment is the same height before and after the page's script runs (no layout shift)", async ({ browser }) => {
  const plain = await browser.newContext({ javaScriptEnabled: false, storageState: storage });
  const plainPage = await plain.newPage();
  await plainPage.goto(threadPage);
  const before = await plainPage.locator(`#comment-${longId} .comment-body`).boundingBox();
  await plain.close();

  const scripted = await browser.newContext({ storageState: storage });
  const page = await scripted.newPage();
  await page.goto(threadPage);
  await waitForViewer(page); // hydrated, and the signed-in controls are in
  const after = await page.locator(`#comment-${longId} .comment-body`).boundingBox();
  expect(before?.height).toBeGreaterThan(50);
  expect(after?.height).toBe(before?.height);
  await scripted.close();
});
