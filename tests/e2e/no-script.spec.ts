import type { Browser, Page } from "@playwright/test";
import { accountMenu, chooseOidcUser, expect, expectSignedInAs, finishSignIn, newUser, OIDC_BUTTON, signInWithOidc, test } from "./harness/fixtures";
import type { OidcUser } from "../support/oidc-server";

// Issue 12 item 9: a signed-in reader without JavaScript gets what a reader with it gets
// (decision 033). Every page here is read with JavaScript off.
const ESSAY = "/leftlibertarian/08/23/because-killing-them-all-is-not-an-option";

const unique = (label: string) => `${label} ${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
const commentWith = (page: Page, text: string) => page.locator("article.comment").filter({ hasText: text });

/** A browser context without JavaScript, signed in as `user` (through a real sign-in with it). */
async function noScriptReader(browser: Browser, user: OidcUser) {
  const signedIn = await browser.newContext();
  await signInWithOidc(await signedIn.newPage(), user, ESSAY);
  const storageState = await signedIn.storageState();
  const api = signedIn.request;
  const context = await browser.newContext({ javaScriptEnabled: false, storageState });
  return { context, page: await context.newPage(), api, close: () => Promise.all([context.close(), signedIn.close()]) };
}

test("without JavaScript the header names the signed-in reader, and signs them out", async ({ browser }) => {
  const user = newUser("Headed");
  const reader = await noScriptReader(browser, user);
  const { page } = reader;
  for (const path of [ESSAY, "/", "/archive"]) {
    await page.goto(path);
    await expectSignedInAs(page, user.name);
    await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toHaveCount(0);
  }
  await accountMenu(page).locator("summary").click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Your profile" })).toBeVisible();
  await page.getByRole("banner").getByRole("button", { name: "Sign out" }).click();
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(accountMenu(page)).toBeHidden();
  await reader.close();
});

test("without JavaScript a reader's own comments, and only theirs, offer Edit and Delete", async ({ browser }) => {
  const other = await noScriptReader(browser, newUser("Other"));
  const theirs = unique("Someone else's comment.");
  expect((await other.api.post("/api/comments", { data: { essayPath: ESSAY, body: theirs } })).status()).toBe(201);
  await other.close();

  const reader = await noScriptReader(browser, newUser("Owner"));
  const { page } = reader;
  const mine = unique("My own comment.");
  const response = await reader.api.post("/api/comments", { data: { essayPath: ESSAY, body: mine } });
  const { id } = (await response.json()) as { id: number };
  await page.goto(ESSAY);
  const own = page.locator(`#comment-${id}`);
  await expect(own.getByRole("link", { name: "Edit your comment" })).toBeVisible();
  await expect(own.getByRole("link", { name: "Delete your comment" })).toBeVisible();
  await expect(commentWith(page, theirs).getByRole("link", { name: /your comment/ })).toHaveCount(0);
  await expect(page.getByRole("link", { name: "Edit your comment" })).toHaveCount(1);

  await own.getByRole("link", { name: "Edit your comment" }).click();
  const edited = unique("My comment, edited without JavaScript.");
  await page.getByLabel("Your comment").fill(edited);
  await page.getByRole("button", { name: "Save changes" }).click();
  await expect(page).toHaveURL(new RegExp(`#comment-${id}$`));
  await expect(page.locator(`#comment-${id} .comment-body`)).toHaveText(edited);

  await page.locator(`#comment-${id}`).getByRole("link", { name: "Delete your comment" }).click();
  await expect(page.getByRole("heading", { name: "Delete your comment" })).toBeVisible();
  await reader.close();
});

test("without JavaScript a post refused for being signed out comes back at the form, with the error and a sign-in link", async ({ browser }) => {
  const context = await browser.newContext({ javaScriptEnabled: false });
  const page = await context.newPage();
  await page.goto(ESSAY);
  const text = unique("Typed while signed out.");
  await page.getByLabel("Join the conversation").fill(text);
  await page.getByRole("button", { name: "Post comment" }).click();

  await expect(page).toHaveURL(new RegExp(`${ESSAY}#new-comment$`));
  const form = page.locator("form#new-comment");
  const error = form.getByRole("alert");
  await expect(error).toContainText("Sign in to post");
  await expect(error).toBeInViewport();
  await expect(form.getByLabel("Join the conversation")).toHaveValue(text);
  await expect(form.getByLabel("Join the conversation")).toHaveAccessibleDescription(/Sign in to post/);
  await expect(error.getByRole("link", { name: "Sign in" })).toHaveAttribute("href", /^\/sign-in\?callbackUrl=/);
  await context.close();
});

test("without JavaScript a long draft survives signing in from the refusal, and posts", async ({ browser }) => {
  const user = newUser("Drafter");
  const context = await browser.newContext({ javaScriptEnabled: false });
  await chooseOidcUser(context, user);
  const page = await context.newPage();
  await page.goto(ESSAY);
  const token = unique("A long draft.");
  // Near the 10,000-character limit: the draft must not travel in an address.
  const draft = `${token}\n\n${"Patience is a form of attention. ".repeat(280)}`.slice(0, 9_900);
  await page.getByLabel("Join the conversation").fill(draft);
  await page.getByRole("button", { name: "Post comment" }).click();

  const signIn = page.locator("form#new-comment").getByRole("alert").getByRole("link", { name: "Sign in" });
  expect((await signIn.getAttribute("href"))!.length).toBeLessThan(120);
  await signIn.click();
  await page.getByRole("button", { name: OIDC_BUTTON }).click();
  await finishSignIn(page, user.name);
  await expect(page).toHaveURL(/\/comments\/draft\/[\w-]+$/);
  await expect(page.getByLabel("Join the conversation")).toHaveValue(draft);

  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page).toHaveURL(/#comment-\d+$/);
  const posted = commentWith(page, token);
  await expect(posted).toBeVisible();
  await expect(posted.locator(".comment-author")).toHaveText(user.name);
  await context.close();
});
