import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { expect, newUser, signInWithOidc, test, waitForViewer } from "./harness/fixtures";
import type { OidcUser } from "../support/oidc-server";

// The restatement check (issue 14 item 3, decision 041): a reply marked as disagreeing first
// restates the view it answers; the person restated answers once, "yes, that's my view" or
// "not quite" with what; with JavaScript inline, without it on pages of their own.
const ESSAY = "/leftlibertarian/08/23/because-killing-them-all-is-not-an-option";
const SAID = "force is sometimes the only way to stop a greater harm.";

const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function personIn(browser: Browser, user: OidcUser, { javaScriptEnabled = true } = {}) {
  const signedIn = await browser.newContext();
  const page = await signedIn.newPage();
  await signInWithOidc(page, user, ESSAY);
  if (javaScriptEnabled) return { page, api: signedIn.request, close: () => signedIn.close() };
  const plain = await browser.newContext({ javaScriptEnabled: false, storageState: await signedIn.storageState() });
  return { page: await plain.newPage(), api: signedIn.request, close: () => Promise.all([plain.close(), signedIn.close()]) };
}

async function post(api: APIRequestContext, data: Record<string, unknown>): Promise<{ status: number; id?: number; error?: string }> {
  const response = await api.post("/api/comments", { data: { essayPath: ESSAY, ...data } });
  const body = (await response.json()) as { id?: number; error?: string };
  return { status: response.status(), ...body };
}

const comment = (page: Page, id: number) => page.locator(`#comment-${id}`);
const ownRestatement = (page: Page, id: number) => page.locator(`#comment-${id} > .restatement`);

test("with JavaScript: a disagreeing reply restates the view first; the person restated answers “not quite” with what, once", async ({ browser }) => {
  test.setTimeout(120_000);
  const adaUser = newUser("Claimer");
  const ada = await personIn(browser, adaUser);
  const ben = await personIn(browser, newUser("Disagreer"));
  const { id: claim } = await post(ada.api, { body: unique("Force is sometimes needed.") });
  if (!claim) throw new Error("not posted");

  await ben.page.goto(`/comments/${claim}`);
  await waitForViewer(ben.page);
  await comment(ben.page, claim).getByRole("link", { name: `Reply to ${adaUser.name}` }).click();
  const form = comment(ben.page, claim).locator("form.comment-form");
  const restatement = form.getByLabel(`First, restate ${adaUser.name}’s view in one sentence: “You’re saying that …”`);
  // The restatement is asked for once the reply says it disagrees.
  await expect(restatement).toBeHidden();
  await form.getByLabel(`I disagree with ${adaUser.name}`).check();
  await expect(restatement).toBeVisible();
  await restatement.fill("x".repeat(301));
  const replyText = unique("Force ends the talking for good.");
  await form.getByLabel(`Your reply to ${adaUser.name}`).fill(replyText);
  await form.getByRole("button", { name: "Post reply" }).click();
  await expect(form.getByRole("alert")).toHaveText("Keep the restatement to one sentence of at most 300 characters.");
  await expect(form.getByLabel(`Your reply to ${adaUser.name}`)).toHaveValue(replyText);
  await expect(form.getByLabel(`I disagree with ${adaUser.name}`)).toBeChecked();
  await restatement.fill(SAID);
  await form.getByRole("button", { name: "Post reply" }).click();
  // The page was opened at the claim's anchor: wait for the reply's.
  await expect(ben.page).toHaveURL(new RegExp(`#comment-(?!${claim}$)\\d+$`));
  const reply = Number(/#comment-(\d+)$/.exec(ben.page.url())![1]);
  await expect(ownRestatement(ben.page, reply)).toContainText(`Disagrees with ${adaUser.name}`);
  await expect(ownRestatement(ben.page, reply)).toContainText(`You’re saying that ${SAID}`);
  // Only the person restated is asked.
  await expect(ownRestatement(ben.page, reply).getByRole("link", { name: "Is this your view? Answer" })).toHaveCount(0);

  await ada.page.goto(`/comments/${reply}`);
  await waitForViewer(ada.page);
  await ownRestatement(ada.page, reply).getByRole("link", { name: "Is this your view? Answer" }).click();
  const answer = ownRestatement(ada.page, reply).locator("form.restatement-form");
  await answer.getByRole("button", { name: "Not quite" }).click();
  await expect(answer.getByRole("alert")).toHaveText("Say in a sentence what is not quite right, so they can see your view.");
  await answer.getByLabel("Or, if not quite: what would you correct?").fill("Only once talking has failed.");
  await answer.getByRole("button", { name: "Not quite" }).click();
  await expect(ada.page).toHaveURL(new RegExp(`#comment-${reply}$`));
  await expect(ownRestatement(ada.page, reply)).toContainText(`${adaUser.name}: “Not quite.” Only once talking has failed.`);
  await expect(ownRestatement(ada.page, reply).getByRole("link", { name: "Is this your view? Answer" })).toHaveCount(0);
  expect((await new AxeBuilder({ page: ada.page }).include(`#comment-${reply}`).analyze()).violations).toEqual([]);

  // Once only; and never for someone else's view. Nothing changes.
  const again = await ada.api.post("/api/comments/restatements", { data: { commentId: reply, verdict: "confirmed" } });
  expect(again.status()).toBe(409);
  const stranger = await ben.api.post("/api/comments/restatements", { data: { commentId: reply, verdict: "confirmed" } });
  expect(stranger.status()).toBe(403);
  expect(((await stranger.json()) as { error: string }).error).toBe("Only the person whose view was restated can say whether it is right.");
  await ada.page.reload();
  await expect(ownRestatement(ada.page, reply)).toContainText("“Not quite.”");
  // The essay shows the share of restatements confirmed.
  await ada.page.goto(ESSAY);
  await expect(ada.page.locator(".restatement-share")).toHaveText(/^\d+ of \d+ restatements? of a view confirmed by its author \(\d+ %\)$/);
  await ada.close();
  await ben.close();
});

test("without JavaScript: reply with a restatement on the reply page; the person restated answers on a page only they get; bad input stores nothing", async ({ browser }) => {
  test.setTimeout(120_000);
  const adaUser = newUser("PlainClaimer");
  const ada = await personIn(browser, adaUser, { javaScriptEnabled: false });
  const ben = await personIn(browser, newUser("PlainDisagreer"), { javaScriptEnabled: false });
  const { id: claim } = await post(ada.api, { body: unique("Said plainly.") });
  if (!claim) throw new Error("not posted");

  // Over 300 characters, or a restatement on a top-level comment: a 400, nothing stored.
  expect((await post(ben.api, { body: "No.", parentId: claim, disagrees: true, restatement: "y".repeat(301) })).status).toBe(400);
  expect((await post(ben.api, { body: unique("Top."), disagrees: true, restatement: SAID })).status).toBe(400);

  await ben.page.goto(`/comments/${claim}/reply`);
  await ben.page.getByLabel(`I disagree with ${adaUser.name}`).check();
  await ben.page.getByLabel(`First, restate ${adaUser.name}’s view in one sentence: “You’re saying that …”`).fill(SAID);
  await ben.page.getByLabel("Your reply").fill(unique("I see it otherwise, plainly."));
  await ben.page.getByRole("button", { name: "Post reply" }).click();
  await expect(ben.page).toHaveURL(/#comment-\d+$/);
  const reply = Number(/#comment-(\d+)$/.exec(ben.page.url())![1]);
  await expect(ownRestatement(ben.page, reply)).toContainText(`You’re saying that ${SAID}`);
  await expect(ownRestatement(ben.page, reply).getByRole("link", { name: "Is this your view? Answer" })).toBeHidden();
  expect((await ben.page.goto(`/comments/${reply}/restatement`))?.status()).toBe(404);

  await ada.page.goto(`/comments/${reply}`);
  await ownRestatement(ada.page, reply).getByRole("link", { name: "Is this your view? Answer" }).click();
  await expect(ada.page.getByRole("heading", { level: 1, name: "Was your view restated fairly?" })).toBeVisible();
  await ada.page.getByRole("button", { name: "Yes, that’s my view" }).click();
  await expect(ada.page).toHaveURL(new RegExp(`#comment-${reply}$`));
  await expect(ownRestatement(ada.page, reply)).toContainText(`${adaUser.name}: “Yes, that’s my view.”`);
  await ada.page.goto(`/comments/${reply}/restatement`);
  await expect(ada.page.getByText("You answered: “Yes, that’s my view.”")).toBeVisible();
  await Promise.all([ada.close(), ben.close()]);
});
