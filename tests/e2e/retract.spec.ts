import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { expect, newUser, signInWithOidc, test, waitForViewer } from "./harness/fixtures";
import type { OidcUser } from "../support/oidc-server";

// Retracting one's own comment (issue 14 item 1, decision 039): with JavaScript inline, without
// it on a page of its own; crossed out but readable, with the note and the comment that changed
// the author's mind; undone the same ways; after its siblings; no new votes; nobody else's.
const ESSAY = "/leftlibertarian/08/23/because-killing-them-all-is-not-an-option";

const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function personIn(browser: Browser, user: OidcUser, { javaScriptEnabled = true } = {}) {
  const signedIn = await browser.newContext();
  const page = await signedIn.newPage();
  await signInWithOidc(page, user, ESSAY);
  if (javaScriptEnabled) return { page, api: signedIn.request, close: () => signedIn.close() };
  const plain = await browser.newContext({ javaScriptEnabled: false, storageState: await signedIn.storageState() });
  return { page: await plain.newPage(), api: signedIn.request, close: () => Promise.all([plain.close(), signedIn.close()]) };
}

async function post(api: APIRequestContext, body: string, parentId?: number): Promise<number> {
  const response = await api.post("/api/comments", { data: { essayPath: ESSAY, body, parentId } });
  expect(response.status(), await response.text()).toBe(201);
  return ((await response.json()) as { id: number }).id;
}

const comment = (page: Page, id: number) => page.locator(`#comment-${id}`);
/** The comment's own parts, not its replies' (they are nested inside it). */
const ownLabel = (page: Page, id: number) => page.locator(`#comment-${id} > .retraction`);

test("with JavaScript: retract with a note and the reply that changed one's mind, then undo; it goes after its siblings and takes no new votes", async ({ browser }) => {
  test.setTimeout(120_000);
  const author = await personIn(browser, newUser("Persuaded"));
  const other = await personIn(browser, newUser("Persuader"));
  const firstText = unique("Force is the only answer.");
  const first = await post(author.api, firstText);
  const causeText = unique("Talking works where force fails.");
  const cause = await post(other.api, causeText, first);
  const second = await post(author.api, unique("A later thought of mine."));

  const { page } = author;
  await page.goto(ESSAY);
  await waitForViewer(page);
  await comment(page, first).getByRole("button", { name: "Retract your comment" }).first().click();
  const form = comment(page, first).locator("form.retract-form");
  await form.getByLabel("What changed your mind? (optional)").fill("The reply below: talking is still possible.");
  await form.getByLabel("Link to the comment that changed your mind (optional)").fill(`http://localhost/whatever#comment-${first}`);
  await form.getByRole("button", { name: "Retract comment" }).click();
  // Citing the comment itself is refused, and what was typed stays.
  await expect(form.getByRole("alert")).toHaveText("Link the comment that changed your mind, not the one you are retracting.");
  await expect(form.getByLabel("What changed your mind? (optional)")).toHaveValue("The reply below: talking is still possible.");
  await form.getByLabel("Link to the comment that changed your mind (optional)").fill(`#comment-${cause}`);
  await form.getByRole("button", { name: "Retract comment" }).click();

  await expect(page).toHaveURL(new RegExp(`#comment-${first}$`));
  await expect(ownLabel(page, first)).toContainText("Retracted by its author");
  await expect(ownLabel(page, first)).toContainText("The reply below: talking is still possible.");
  await expect(ownLabel(page, first).getByRole("link", { name: "The comment that changed their mind" })).toHaveAttribute("href", `/comments/${cause}`);
  // Still readable, crossed out; its reply stays under it.
  await expect(page.locator(`#comment-${first} > .comment-body`)).toHaveText(firstText);
  expect(await page.locator(`#comment-${first} > .comment-body`).evaluate((element) => getComputedStyle(element).textDecorationLine)).toBe("line-through");
  await expect(comment(page, cause)).toContainText(causeText);
  // Nothing left to edit; undo instead.
  await expect(page.locator(`#comment-${first} > .comment-actions`).getByRole("button", { name: "Edit your comment" })).toHaveCount(0);
  await expect(page.locator(`#comment-${first} > .comment-actions`).getByRole("button", { name: "Undo retraction of your comment" })).toBeVisible();

  // It now follows the author's later comment, though it is older.
  const roots = page.locator("#comments > ol.comment-list > li > article.comment");
  const ids = await roots.evaluateAll((articles) => articles.map((article) => article.id));
  expect(ids.indexOf(`comment-${first}`)).toBeGreaterThan(ids.indexOf(`comment-${second}`));
  expect(ids.indexOf(`comment-${second}`)).toBeGreaterThanOrEqual(0);

  // Another reader sees it retracted, with no vote buttons, and a vote sent anyway is refused.
  await other.page.goto(ESSAY);
  await expect(ownLabel(other.page, first)).toContainText("Retracted by its author");
  await expect(comment(other.page, first).getByRole("group", { name: /^Your votes on the comment by Persuaded/ })).toHaveCount(0);
  const vote = await other.api.post("/api/comments/votes", { data: { commentId: first, essayPath: ESSAY, axis: "value", value: "up" }, headers: { Accept: "application/json" } });
  expect(vote.status()).toBe(409);
  expect(await vote.json()).toMatchObject({ error: "Its author has retracted this comment, so it takes no new votes." });

  for (const scheme of ["light", "dark"] as const) {
    await other.page.emulateMedia({ colorScheme: scheme });
    const results = await new AxeBuilder({ page: other.page }).include(`#comment-${first}`).analyze();
    expect(results.violations, scheme).toEqual([]);
  }

  await page.locator(`#comment-${first} > .comment-actions`).getByRole("button", { name: "Undo retraction of your comment" }).click();
  await comment(page, first).locator("form.retract-form").getByRole("button", { name: "Undo retraction" }).click();
  await expect(page).toHaveURL(new RegExp(`#comment-${first}$`));
  await expect(ownLabel(page, first)).toHaveCount(0);
  await expect(page.locator(`#comment-${first} > .comment-actions`).getByRole("button", { name: "Edit your comment" })).toBeVisible();
  await author.close();
  await other.close();
});

test("without JavaScript: the Retract link leads to a page of its own, refusals keep the note, undo and the history are there; nobody else gets the page", async ({ browser }) => {
  test.setTimeout(120_000);
  const author = await personIn(browser, newUser("PlainRetractor"), { javaScriptEnabled: false });
  const id = await post(author.api, unique("Said without JavaScript."));
  const { page } = author;
  await page.goto(ESSAY);
  await comment(page, id).getByRole("link", { name: "Retract your comment" }).click();
  await expect(page).toHaveURL(`/comments/${id}/retract`);
  await expect(page.getByRole("heading", { level: 1, name: "Retract your comment" })).toBeVisible();

  await page.getByLabel("What changed your mind? (optional)").fill("I reread the essay.");
  await page.getByLabel("Link to the comment that changed your mind (optional)").fill("the one by Ada");
  await page.getByRole("button", { name: "Retract comment" }).click();
  await expect(page.getByRole("alert")).toHaveText(/^Give the comment that changed your mind as its link/);
  await expect(page.getByLabel("What changed your mind? (optional)")).toHaveValue("I reread the essay.");
  await expect(page.getByLabel("Link to the comment that changed your mind (optional)")).toHaveValue("the one by Ada");

  await page.getByLabel("Link to the comment that changed your mind (optional)").fill("");
  await page.getByRole("button", { name: "Retract comment" }).click();
  await expect(page).toHaveURL(new RegExp(`#comment-${id}$`));
  await expect(ownLabel(page, id)).toContainText("Retracted by its author");
  await expect(ownLabel(page, id)).toContainText("I reread the essay.");
  await expect(comment(page, id).getByRole("link", { name: "Edit your comment" })).toHaveCount(0);
  // The edit page says why it cannot edit, instead of a form.
  await page.goto(`/comments/${id}/edit`);
  await expect(page.getByText("You retracted this comment, so it stays as it was.")).toBeVisible();
  await expect(page.getByRole("button", { name: "Save changes" })).toHaveCount(0);

  await page.goto(ESSAY);
  await comment(page, id).getByRole("link", { name: "Undo retraction of your comment" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Undo your retraction" })).toBeVisible();
  await expect(page.getByRole("region", { name: "History" }).getByRole("listitem")).toHaveCount(1);
  await page.getByRole("button", { name: "Undo retraction" }).click();
  await expect(page).toHaveURL(new RegExp(`#comment-${id}$`));
  await expect(ownLabel(page, id)).toHaveCount(0);
  await page.goto(`/comments/${id}/retract`);
  await expect(page.getByRole("region", { name: "History" }).getByRole("listitem")).toHaveText([/^Retracted on .*: “I reread the essay\.”$/, /^Retraction undone on /]);

  // Someone else is answered as if the comment did not exist, and has no link to the page.
  const stranger = await personIn(browser, newUser("Stranger"), { javaScriptEnabled: false });
  expect((await stranger.page.goto(`/comments/${id}/retract`))?.status()).toBe(404);
  await stranger.page.goto(ESSAY);
  await expect(comment(stranger.page, id).getByRole("link", { name: /^(Retract|Undo retraction)/ })).toBeHidden();
  await stranger.close();
  await author.close();
});
