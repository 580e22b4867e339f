import fs from "node:fs";
import type { Browser, Page } from "@playwright/test";
import type { OidcUser } from "../support/oidc-server";
import { waitForViewer, expect, newUser, signInWithOidc, test } from "./harness/fixtures";

// People own what they wrote: a reader downloads it, and deletes their account either way.
const ESSAY = "/leftlibertarian/08/23/because-killing-them-all-is-not-an-option";

test.describe.configure({ mode: "serial" });

const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function signedIn(browser: Browser, user: OidcUser): Promise<Page> {
  const page = await (await browser.newContext()).newPage();
  await signInWithOidc(page, user, ESSAY);
  return page;
}

async function post(page: Page, text: string, parentId?: number): Promise<number> {
  await page.goto(ESSAY);
  if (parentId === undefined) {
    await page.getByLabel("Join the conversation").fill(text);
    await page.getByRole("button", { name: "Post comment" }).click();
  } else {
    await waitForViewer(page);
    await page.locator(`#comment-${parentId}`).getByRole("link", { name: /^Reply/ }).first().click();
    await page.locator(`#comment-${parentId} form.comment-form`).getByRole("textbox").fill(text);
    await page.locator(`#comment-${parentId} form.comment-form`).getByRole("button", { name: "Post reply" }).click();
  }
  await expect(page).toHaveURL(/#comment-\d+$/);
  return Number(page.url().split("#comment-")[1]);
}

async function deleteAccount(page: Page, choice: "keep" | "delete") {
  await page.goto("/profile");
  await page.getByLabel(choice === "keep" ? /Keep them in their conversations/ : /Delete them too/).check();
  await page.getByLabel("Type DELETE to confirm").fill("DELETE");
  await page.getByRole("button", { name: "Delete my account" }).click();
  await expect(page).toHaveURL("/account-deleted");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Your account is deleted");
}

const publicHtml = async (page: Page) => (await page.request.get(ESSAY, { headers: { Cookie: "" } })).text();

test("a reader downloads everything they wrote as JSON, with earlier versions", async ({ browser }) => {
  const user = newUser("Archivist");
  const page = await signedIn(browser, user);
  const text = unique("Words worth keeping.");
  const id = await post(page, text);
  await page.locator(`#comment-${id}`).getByRole("button", { name: "Edit your comment" }).click();
  await page.locator(`#comment-${id}`).getByRole("textbox").fill(`${text} (edited)`);
  await page.locator(`#comment-${id}`).getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator(`#comment-${id} .comment-edited`)).toBeVisible();

  await page.goto("/profile");
  const [download] = await Promise.all([page.waitForEvent("download"), page.getByRole("link", { name: "Download everything you wrote" }).click()]);
  expect(download.suggestedFilename()).toMatch(/^essays-\d{4}-\d{2}-\d{2}\.json$/);
  const data = JSON.parse(fs.readFileSync(await download.path(), "utf8"));
  expect(data.profile.email).toBe(user.email);
  const comment = data.comments.find((c: { id: number }) => c.id === id);
  expect(comment.body).toBe(`${text} (edited)`);
  expect(comment.essayPath).toBe(ESSAY);
  expect(comment.revisions.map((r: { body: string }) => r.body)).toEqual([text]);
  // Nobody else can download it.
  expect((await page.context().request.fetch("/api/me/export", { headers: { Cookie: "" } })).status()).toBe(401);
  await page.context().close();
});

test("deleting an account keeps the comments as “a former reader”, or erases them", async ({ browser }) => {
  test.setTimeout(90_000);
  const keeper = newUser("Keeper");
  const eraser = newUser("Eraser");
  const replier = newUser("Replier");
  const k = await signedIn(browser, keeper);
  const e = await signedIn(browser, eraser);
  const r = await signedIn(browser, replier);

  const kept = unique("This comment outlives its author's account.");
  const keptId = await post(k, kept);
  const erased = unique("This comment goes with its author.");
  const erasedId = await post(e, erased);
  const lonely = unique("This one has no replies and simply goes.");
  const lonelyId = await post(e, lonely);
  const reply = unique("A reply that stays in place.");
  const replyId = await post(r, reply, erasedId);

  await deleteAccount(k, "keep");
  await deleteAccount(e, "delete");

  const html = await publicHtml(r);
  expect(html).toContain(kept);
  expect(html).not.toContain(keeper.name);
  const page = r;
  await page.goto(ESSAY);
  await expect(page.locator(`#comment-${keptId} .comment-author`)).toHaveText("a former reader");
  await expect(page.locator(`#comment-${erasedId}`)).toContainText("[deleted]");
  await expect(page.locator(`#comment-${replyId}`)).toContainText(reply);
  await expect(page.locator(`#comment-${lonelyId}`)).toHaveCount(0);
  expect(html).not.toContain(erased);
  expect(html).not.toContain(lonely);
  expect(html).not.toContain(eraser.name);

  // The deleted accounts are signed out and their sessions gone.
  expect(await (await k.request.get("/api/me")).json()).toEqual({ signedIn: false });
  await r.context().close();
});
