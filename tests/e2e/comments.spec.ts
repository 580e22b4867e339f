import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { waitForViewer, expect, newUser, signInWithOidc, test } from "./harness/fixtures";

const ESSAY = "/leftlibertarian/08/23/because-killing-them-all-is-not-an-option";
const CLOSED = "/fixtures/05/01/a-closed-conversation";
const HIDDEN = "/fixtures/04/01/a-quiet-essay";
// Only the counting test posts here: the shared essay's count moves with the other worker's tests.
const COUNTED = "/fixtures/09/01/a-counted-conversation";

const unique = (label: string) => `${label} ${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
const commentWith = (page: Page, text: string) => page.locator("article.comment").filter({ hasText: text });

/** Posts through the form at the bottom of the thread and waits for the permalink. */
async function postComment(page: Page, text: string, visibleText = text): Promise<number> {
  const form = page.locator("#comments > form.comment-form, #comments form.comment-form").last();
  await form.getByLabel("Join the conversation").fill(text);
  await form.getByRole("button", { name: "Post comment" }).click();
  await expect(page).toHaveURL(/#comment-\d+$/);
  await expect(commentWith(page, visibleText)).toBeVisible();
  return Number(page.url().split("#comment-")[1]);
}

async function replyTo(page: Page, comment: Locator, text: string): Promise<number> {
  await waitForViewer(page);
  await comment.getByRole("link", { name: /^Reply/ }).first().click();
  const form = comment.locator("form.comment-form");
  await form.getByRole("textbox").fill(text);
  await form.getByRole("button", { name: "Post reply" }).click();
  await expect(page).toHaveURL(/#comment-\d+$/);
  await expect(commentWith(page, text)).toBeVisible();
  return Number(page.url().split("#comment-")[1]);
}

test.describe.configure({ mode: "serial" });

test("a reader posts, replies to a reply, edits and deletes, and links to a comment", async ({ page }) => {
  const reader = newUser("Iris");
  await signInWithOidc(page, reader, ESSAY);

  const token = unique("first");
  const firstId = await postComment(page, `Genuine dialogue needs *patience*. ${token}`, token);
  const firstComment = page.locator(`#comment-${firstId}`);
  await expect(firstComment.locator("em")).toHaveText("patience");
  await expect(firstComment.locator(".comment-author")).toHaveText(reader.name);
  await expect(firstComment.locator("time").first()).toHaveAttribute("datetime", /^\d{4}-\d{2}-\d{2}T/);

  const reply = unique("A reply to the first.");
  const replyId = await replyTo(page, firstComment, reply);
  const replyToReply = unique("A reply to the reply.");
  const deepId = await replyTo(page, page.locator(`#comment-${replyId}`), replyToReply);
  // Nesting: the reply to the reply sits inside the reply's list, inside the first comment's.
  await expect(page.locator(`li:has(> #comment-${firstId}) li:has(> #comment-${replyId}) #comment-${deepId}`)).toHaveCount(1);
  await expect(firstComment.locator(".reply-count")).toHaveText("2 replies");

  // Edit: the text changes, an "edited" marker appears.
  const deep = page.locator(`#comment-${deepId}`);
  await deep.getByRole("button", { name: "Edit your comment" }).click();
  const edited = unique("An edited reply.");
  await deep.getByRole("textbox").fill(edited);
  await deep.getByRole("button", { name: "Save changes" }).click();
  await expect(page.locator(`#comment-${deepId} .comment-body`)).toHaveText(edited);
  await expect(page.locator(`#comment-${deepId} .comment-edited`)).toContainText("edited");

  // One timestamp per comment: when it was posted, "edited" folded in, the exact times on
  // hover and on keyboard focus, and as the permalink's accessible description.
  await expect(firstComment.locator(".comment-meta time")).toHaveCount(1);
  await expect(deep.locator(".comment-meta time")).toHaveCount(1);
  await expect(deep.locator(".comment-meta time")).toHaveText(/ · edited$/);
  const permalink = deep.getByRole("link", { name: "Link to this comment" });
  const exact = permalink.locator(".comment-time-exact");
  const when = String.raw`\d{1,2} \w{3,4} \d{4}, \d{2}:\d{2} UTC`;
  await expect(exact).toHaveText(new RegExp(`^Posted ${when} · edited ${when}$`));
  await expect(permalink).toHaveAccessibleDescription((await exact.textContent()) ?? "");
  const shown = async () => ((await exact.boundingBox())?.width ?? 0) > 40;
  expect(await shown(), "hidden until hovered or focused").toBe(false);
  await permalink.hover();
  await expect.poll(shown, { message: "shown on hover" }).toBe(true);
  await page.mouse.move(0, 0);
  await expect.poll(shown).toBe(false);
  await permalink.focus();
  await page.keyboard.press("Shift+Tab");
  await page.keyboard.press("Tab");
  await expect(permalink).toBeFocused();
  await expect.poll(shown, { message: "shown on keyboard focus" }).toBe(true);

  // Delete with replies: a tombstone keeps the thread's shape.
  await page.locator(`#comment-${replyId}`).getByRole("button", { name: "Delete your comment" }).click();
  await page.locator(`#comment-${replyId}`).getByRole("button", { name: "Delete comment" }).click();
  await expect(page.locator(`#comment-${replyId}`)).toContainText("[deleted]");
  await expect(page.locator(`#comment-${replyId}`)).not.toContainText(reply);
  await expect(page.locator(`#comment-${deepId}`)).toContainText(edited);
  // Nothing to answer under a deleted comment: no Reply, live or in the page as served.
  const replyLinkOf = (id: number) => page.locator(`#comment-${id} .comment-actions`).getByRole("link", { name: /^Reply/ });
  await expect(replyLinkOf(replyId)).toHaveCount(0);
  await page.reload();
  await expect(page.locator(`#comment-${replyId}`)).toContainText("[deleted]");
  await expect(replyLinkOf(replyId)).toHaveCount(0);
  await expect(replyLinkOf(deepId)).toHaveCount(1);

  // Delete without replies: it disappears.
  await page.locator(`#comment-${deepId}`).getByRole("button", { name: "Delete your comment" }).click();
  await page.locator(`#comment-${deepId}`).getByRole("button", { name: "Delete comment" }).click();
  await expect(page.locator(`#comment-${deepId}`)).toHaveCount(0);
  // …and so does the tombstone that no longer holds up any reply.
  await expect(page.locator(`#comment-${replyId}`)).toHaveCount(0);

  // Permalink: the comment is scrolled to and highlighted.
  await page.goto(`${ESSAY}#comment-${firstId}`);
  await expect(firstComment).toBeInViewport();
  await expect(firstComment).toHaveCSS("outline-style", "solid");
});

test("preview shows the rendered comment before it is posted, and bad bodies are refused with the text kept", async ({ page }) => {
  await signInWithOidc(page, newUser(), ESSAY);
  const form = page.locator("#comments form.comment-form").last();
  await form.getByLabel("Join the conversation").fill("Preview **this** > not a quote");
  await form.getByRole("button", { name: "Preview" }).click();
  await expect(form.getByRole("region", { name: "Preview" }).locator("strong")).toHaveText("this");
  await expect(form.getByLabel("Join the conversation")).toHaveValue("Preview **this** > not a quote");

  await form.getByLabel("Join the conversation").fill("   ");
  await form.getByRole("button", { name: "Post comment" }).click();
  await expect(form.getByRole("alert")).toHaveText("Write something before posting.");

  // Refused in the browser (the server's own refusal is in comment-length.spec.ts), the text kept.
  const tooLong = "y".repeat(10_001);
  await form.getByLabel("Join the conversation").fill(tooLong);
  await form.getByRole("button", { name: "Post comment" }).click();
  await expect(form.getByRole("alert")).toContainText("Your comment has 10,001 characters; the limit is 10,000");
  await expect(form.getByLabel("Join the conversation")).toHaveValue(tooLong);
});

test("two readers in two browsers see each other's comments, and the counts follow", async ({ browser }) => {
  const contextA = await browser.newContext();
  const contextB = await browser.newContext();
  const a = await contextA.newPage();
  const b = await contextB.newPage();
  await signInWithOidc(a, newUser("Ann"), COUNTED);
  await signInWithOidc(b, newUser("Ben"), COUNTED);

  await a.goto("/");
  const before = Number((await a.locator(`a[href="${COUNTED}#comments"]`).first().textContent())?.match(/\d+/)?.[0] ?? 0);
  const fromA = unique("Ann says hello.");
  await a.goto(COUNTED);
  const idA = await postComment(a, fromA);

  await b.goto(COUNTED);
  await expect(b.locator(`#comment-${idA}`)).toContainText(fromA);
  const fromB = unique("Ben answers.");
  await replyTo(b, b.locator(`#comment-${idA}`), fromB);

  await a.reload();
  await expect(commentWith(a, fromB)).toBeVisible();
  await a.goto("/");
  await expect(a.locator(`a[href="${COUNTED}#comments"]`).first()).toHaveText(`${before + 2} comments`);
  await expect(a.locator(`article.essay-card:has(a[href="${HIDDEN}"]) .comment-count`)).toHaveCount(0);
  await contextA.close();
  await contextB.close();
});

test("the thread can be read newest first, at an address of its own", async ({ page }) => {
  await signInWithOidc(page, newUser("Sorter"), ESSAY);
  const older = unique("Older comment.");
  const newer = unique("Newer comment.");
  await postComment(page, older);
  await postComment(page, newer);
  // Other specs post to this essay at the same time, so the test compares where its own two
  // comments stand rather than which comment is first or last on the page.
  const roots = page.locator("#comments > ol.comment-list > li > article.comment");
  const positions = async () => {
    const texts = await roots.allInnerTexts();
    return { older: texts.findIndex((text) => text.includes(older)), newer: texts.findIndex((text) => text.includes(newer)) };
  };
  await expect(commentWith(page, newer)).toBeVisible();
  const oldestFirst = await positions();
  expect(oldestFirst.older).toBeGreaterThanOrEqual(0);
  expect(oldestFirst.newer).toBeGreaterThan(oldestFirst.older);
  const order = page.getByRole("navigation", { name: "Order of comments" });
  await expect(order.getByRole("link", { name: "Oldest first" })).toHaveAttribute("aria-current", "true");
  await order.getByRole("link", { name: "Newest first" }).click();
  await expect(page).toHaveURL(`${ESSAY}/comments/newest#comments`);
  await expect(order.getByRole("link", { name: "Newest first" })).toHaveAttribute("aria-current", "true");
  await expect(commentWith(page, older)).toBeVisible();
  const newestFirst = await positions();
  expect(newestFirst.newer).toBeGreaterThanOrEqual(0);
  expect(newestFirst.older).toBeGreaterThan(newestFirst.newer);
  await order.getByRole("link", { name: "Oldest first" }).click();
  await expect(page).toHaveURL(`${ESSAY}#comments`);
  await expect(commentWith(page, newer)).toBeVisible();
  const again = await positions();
  expect(again.newer).toBeGreaterThan(again.older);
});

test("without JavaScript a reader reads the thread and posts a comment", async ({ browser }) => {
  const signedIn = await browser.newContext();
  const page = await signedIn.newPage();
  const user = newUser("NoScript");
  await signInWithOidc(page, user, ESSAY);
  const state = await signedIn.storageState();
  await signedIn.close();

  const noScript = await browser.newContext({ javaScriptEnabled: false, storageState: state });
  const plain = await noScript.newPage();
  await plain.goto(ESSAY);
  const text = unique("Posted with JavaScript off.");
  await plain.getByLabel("Join the conversation").fill(text);
  await plain.getByRole("button", { name: "Post comment" }).click();
  await expect(plain).toHaveURL(/#comment-\d+$/);
  await expect(commentWith(plain, text)).toBeVisible();
  const id = plain.url().split("#comment-")[1];

  // A double submit (the browser's back, then the same form again) creates one comment.
  await plain.goBack();
  await plain.getByLabel("Join the conversation").fill(text);
  await plain.getByRole("button", { name: "Post comment" }).click();
  await expect(plain).toHaveURL(new RegExp(`#comment-${id}$`));
  await expect(commentWith(plain, text)).toHaveCount(1);

  // The reply page stands in for the inline form.
  await plain.goto(`/comments/${id}/reply`);
  const reply = unique("A reply without JavaScript.");
  await plain.getByLabel("Your reply").fill(reply);
  await plain.getByRole("button", { name: "Post reply" }).click();
  await expect(plain).toHaveURL(/#comment-\d+$/);
  await expect(commentWith(plain, reply)).toBeVisible();
  await noScript.close();

  // An anonymous reader without JavaScript reads the whole thread in the HTML.
  const anonymous = await browser.newContext({ javaScriptEnabled: false });
  const reader = await anonymous.newPage();
  await reader.goto(ESSAY);
  await expect(commentWith(reader, text)).toBeVisible();
  await expect(commentWith(reader, reply)).toBeVisible();
  // …and posting signed out is answered with a message, the text kept.
  const lost = unique("Typed while signed out.");
  await reader.getByLabel("Join the conversation").fill(lost);
  await reader.getByRole("button", { name: "Post comment" }).click();
  await expect(reader.getByRole("alert")).toContainText("Sign in to post");
  await expect(reader.getByLabel("Join the conversation")).toHaveValue(lost);
  await anonymous.close();
});

test("an essay with closed comments shows its thread and refuses new ones; hidden shows none", async ({ page }) => {
  await signInWithOidc(page, newUser(), CLOSED);
  await expect(page.getByText("Comments on this essay are closed.")).toBeVisible();
  await expect(page.locator("#comments form.comment-form")).toHaveCount(0);
  const response = await page.request.post("/api/comments", { data: { essayPath: CLOSED, body: "Let me in" } });
  expect(response.status()).toBe(403);
  expect((await response.json()).error).toBe("Comments on this essay are closed.");
  await page.goto(HIDDEN);
  await expect(page.locator("#comments")).toHaveCount(0);
  await expect(page.getByText(/comments?$/)).toHaveCount(0);
});

test("axe finds no violations on an essay with a thread and an open reply form", async ({ page }) => {
  await signInWithOidc(page, newUser("Axe"), ESSAY);
  const id = await postComment(page, unique("A comment for the accessibility check."));
  await waitForViewer(page);
  await page.locator(`#comment-${id}`).getByRole("link", { name: /^Reply/ }).click();
  await expect(page.locator(`#comment-${id} form.comment-form`)).toBeVisible();
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page }).analyze();
    expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);
  }
});
