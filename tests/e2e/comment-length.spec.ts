import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { expect, newUser, signInWithOidc, test, waitForViewer } from "./harness/fixtures";

// Issue #12 item 8, the comment box: no silent cut at 10,000 characters, a live counter, a clear
// refusal that keeps the whole text (docs/decisions/031-comment-length-counter.md).
const ESSAY = "/leftlibertarian/08/23/because-killing-them-all-is-not-an-option";
const LIMIT = 10_000;

const box = (page: Page) => page.getByLabel("Join the conversation");
const form = (page: Page) => page.locator("form.comment-form").filter({ has: box(page) });
/** The polite announcement of the form, changed only when the text crosses a threshold. */
const announcement = (page: Page) => form(page).locator('[aria-live="polite"]');
const axeViolations = async (page: Page) =>
  (await new AxeBuilder({ page }).include("#comments").analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);

/** Puts text into the focused box as a paste does (the browser's own insertion, which `maxlength` cuts). */
async function paste(page: Page, text: string) {
  await box(page).focus();
  await page.keyboard.insertText(text);
}

test("a pasted 100,000 characters stay whole, the counter says how far over, and posting says what is wrong", async ({ page }) => {
  test.setTimeout(90_000);
  await signInWithOidc(page, newUser("Paster"), ESSAY);
  await waitForViewer(page);
  const counter = form(page).locator(".char-count");

  // A short text: counted, nothing announced (no announcement per keystroke).
  await paste(page, "Hello");
  await expect(counter).toHaveText(`5 of ${LIMIT.toLocaleString("en-US")} characters`);
  await expect(announcement(page)).toHaveText("");
  await expect(box(page)).toHaveAttribute("aria-describedby", new RegExp(await counter.getAttribute("id").then(String)));

  const token = `long-${Date.now().toString(36)}`;
  const huge = `${token} ${"x".repeat(100_000 - token.length - 1)}`;
  await box(page).fill("");
  await paste(page, huge);
  await expect(box(page)).toHaveJSProperty("value", huge);
  await expect(counter).toContainText("100,000 of 10,000 characters");
  await expect(counter).toContainText("90,000 too many");
  await expect(box(page)).toHaveAttribute("aria-invalid", "true");
  await expect(announcement(page)).toContainText("over the 10,000-character limit");
  expect(await axeViolations(page)).toEqual([]);

  // Posting is refused with the reason, in the page; the whole text is still there, focused.
  await form(page).getByRole("button", { name: "Post comment" }).click();
  await expect(form(page).getByRole("alert")).toContainText("Your comment has 100,000 characters; the limit is 10,000");
  await expect(box(page)).toBeFocused();
  await expect(box(page)).toHaveJSProperty("value", huge);
  await expect(page).toHaveURL(ESSAY);

  // Shortened to exactly the limit: the warning says so, the refusal goes, and it posts.
  const fits = huge.slice(0, LIMIT);
  await box(page).fill(fits);
  await expect(counter).toContainText("10,000 of 10,000 characters");
  await expect(announcement(page)).toContainText("reached the 10,000-character limit");
  await expect(form(page).getByRole("alert")).toHaveCount(0);
  await expect(box(page)).not.toHaveAttribute("aria-invalid", "true");
  await form(page).getByRole("button", { name: "Post comment" }).click();
  await expect(page).toHaveURL(/#comment-\d+$/);
  await expect(page.locator("article.comment").filter({ hasText: token })).toHaveCount(1);
});

test("near the limit the counter warns once, politely", async ({ page }) => {
  await signInWithOidc(page, newUser("Counter"), ESSAY);
  await waitForViewer(page);
  const counter = form(page).locator(".char-count");
  await paste(page, "y".repeat(9_499));
  await expect(announcement(page)).toContainText("501 characters left");
  await expect(counter).toContainText("9,499 of 10,000 characters: 501 left");
  // Typing on within the same band changes the counter but not the announcement.
  await page.keyboard.type("zz");
  await expect(counter).toContainText("9,501 of 10,000 characters: 499 left");
  await expect(announcement(page)).toContainText("501 characters left");
  await expect(announcement(page)).toHaveAttribute("aria-atomic", "true");
});

test("without JavaScript an over-long comment is refused by the server and the whole text comes back", async ({ browser }) => {
  const signedIn = await browser.newContext();
  await signInWithOidc(await signedIn.newPage(), newUser("PlainLong"), ESSAY);
  const state = await signedIn.storageState();
  await signedIn.close();

  const context = await browser.newContext({ javaScriptEnabled: false, storageState: state });
  const page = await context.newPage();
  await page.goto(ESSAY);
  await expect(box(page)).not.toHaveAttribute("maxlength");
  const text = `plain-${Date.now().toString(36)} ${"w".repeat(12_000)}`;
  await box(page).fill(text);
  await form(page).getByRole("button", { name: "Post comment" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Comments are limited to 10,000 characters" })).toBeVisible();
  await expect(box(page)).toHaveValue(text);
  await context.close();
});
