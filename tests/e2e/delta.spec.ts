import AxeBuilder from "@axe-core/playwright";
import type { APIRequestContext, Browser, Page } from "@playwright/test";
import { expect, newUser, signInWithOidc, test, waitForMail, waitForViewer } from "./harness/fixtures";
import { MODERATOR } from "./harness/people";
import type { OidcUser } from "../support/oidc-server";

// Δ "changed my mind" (issue 14 item 2, decision 040): awarded inline with JavaScript and on a
// page of its own without it; shown on the comment, in the essay's "minds changed" list and on
// both profiles; e-mailed to the recipient; refused outside one's conversations and twice;
// removed by a moderator with a public reason.
const ESSAY = "/leftlibertarian/08/23/because-killing-them-all-is-not-an-option";
const WHY = "You showed that force ends the conversation for good, while talk leaves a way back. I had not seen that.";

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
/** The comment's own Δs, not its replies' (they are nested inside it). */
const ownDeltas = (page: Page, id: number) => page.locator(`#comment-${id} > .deltas`);

test("with JavaScript: a reader awards a Δ inline to a reply that changed their mind; it shows on the comment, in the list and on both profiles, and is e-mailed", async ({ browser }) => {
  test.setTimeout(120_000);
  const adaUser = newUser("Persuadable");
  const benUser = newUser("Persuasive");
  const ada = await personIn(browser, adaUser);
  const ben = await personIn(browser, benUser);
  const first = await post(ada.api, unique("Sometimes only force works."));
  const reply = await post(ben.api, unique("Force ends the talking; talk keeps a way back."), first);
  const later = await post(ben.api, unique("And another thought."), first);

  const { page } = ada;
  await page.goto(`/comments/${reply}`);
  await waitForViewer(page);
  // No Δ for one's own comment.
  await expect(comment(page, first).locator("> .comment-actions").getByRole("link", { name: /^Changed my mind/ })).toHaveCount(0);
  await comment(page, reply).getByRole("link", { name: `Changed my mind — award a Δ to ${benUser.name}` }).click();
  const form = comment(page, reply).locator("form.delta-form");
  const field = form.getByLabel("What changed your mind?");
  await field.fill("Good point.");
  await expect(form.getByText("At least 50 characters: 39 more.")).toBeVisible();
  await form.getByRole("button", { name: "Award Δ" }).click();
  // The server says why, and what was typed stays.
  await expect(form.getByRole("alert")).toHaveText(/^Say what changed your mind in at least 50 characters/);
  await expect(field).toHaveValue("Good point.");
  await field.fill(WHY);
  await form.getByRole("button", { name: "Award Δ" }).click();

  await expect(page).toHaveURL(new RegExp(`#comment-${reply}$`));
  await expect(ownDeltas(page, reply)).toContainText(`changed ${adaUser.name}’s mind`);
  await expect(ownDeltas(page, reply)).toContainText(WHY);
  const axe = await new AxeBuilder({ page }).include(`#comment-${reply}`).analyze();
  expect(axe.violations).toEqual([]);

  // One per reader → reader under an essay: Ben's other comment is refused, with the reason.
  await waitForViewer(page);
  await comment(page, later).getByRole("link", { name: /^Changed my mind/ }).click();
  await comment(page, later).getByLabel("What changed your mind?").fill(WHY);
  await comment(page, later).getByRole("button", { name: "Award Δ" }).click();
  await expect(comment(page, later).getByRole("alert")).toHaveText("You have already awarded this reader a Δ under this essay: one per reader per essay.");

  const mail = await waitForMail(benUser.email, 1, /changed their mind/);
  expect(mail.subject).toContain(adaUser.name);
  expect(mail.text).toContain(WHY);

  // The essay counts minds changed and links to the list.
  await page.goto(ESSAY);
  await page.getByRole("link", { name: /minds? changed here$/ }).click();
  await expect(page).toHaveURL(`${ESSAY}/minds-changed`);
  const entry = page.getByRole("listitem").filter({ hasText: WHY });
  await expect(entry).toContainText(adaUser.name);
  await expect(entry.getByRole("link", { name: `${benUser.name}’s comment` })).toHaveAttribute("href", `/comments/${reply}`);
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);

  await page.goto("/profile");
  await expect(page.getByRole("region", { name: "Minds changed" })).toContainText(`${benUser.name} changed your mind`);
  await ben.page.goto("/profile");
  await expect(ben.page.getByRole("region", { name: "Minds changed" })).toContainText(`Your comment changed ${adaUser.name}’s mind`);
  await ada.close();
  await ben.close();
});

test("without JavaScript: the Δ link opens a page of its own; a reader outside the conversation is refused and keeps the text; a moderator removes an abusive Δ with a public reason", async ({ browser }) => {
  test.setTimeout(120_000);
  const author = await personIn(browser, newUser("Claimant"), { javaScriptEnabled: false });
  const answerer = await personIn(browser, newUser("Answerer"), { javaScriptEnabled: false });
  const outsider = await personIn(browser, newUser("Outsider"), { javaScriptEnabled: false });
  const top = await post(author.api, unique("A claim without JavaScript."));
  const answer = await post(answerer.api, unique("An answer without JavaScript."), top);
  await post(outsider.api, unique("My own separate conversation."));

  // Outside the conversation: refused, with the rule, and the text is kept.
  await outsider.page.goto(`/comments/${answer}`);
  await comment(outsider.page, answer).getByRole("link", { name: /^Changed my mind/ }).click();
  await expect(outsider.page).toHaveURL(`/comments/${answer}/delta`);
  await expect(outsider.page.getByRole("heading", { level: 1, name: "Award a Δ" })).toBeVisible();
  await outsider.page.getByLabel("What changed your mind?").fill(WHY);
  await outsider.page.getByRole("button", { name: "Award Δ" }).click();
  await expect(outsider.page.getByRole("alert")).toHaveText(/^You can award a Δ only in a conversation you took part in/);
  await expect(outsider.page.getByLabel("What changed your mind?")).toHaveValue(WHY);

  // In it: awarded, back at the comment.
  await author.page.goto(`/comments/${answer}/delta`);
  await author.page.getByLabel("What changed your mind?").fill(`${WHY} (abusive copy)`);
  await author.page.getByRole("button", { name: "Award Δ" }).click();
  await expect(author.page).toHaveURL(new RegExp(`#comment-${answer}$`));
  await expect(ownDeltas(author.page, answer)).toContainText("(abusive copy)");
  // One's own comment gets no form, and says why.
  await author.page.goto(`/comments/${top}/delta`);
  await expect(author.page.getByText("This is your own comment")).toBeVisible();
  await expect(author.page.getByRole("button", { name: "Award Δ" })).toHaveCount(0);

  // The JSON route answers bad input with a clear 4xx and stores nothing.
  const tryDelta = (data: unknown, headers: Record<string, string> = {}) => outsider.api.post("/api/comments/deltas", { data, headers });
  const refused = async (response: Awaited<ReturnType<typeof tryDelta>>, status: number, error: RegExp) => {
    expect(response.status()).toBe(status);
    expect(((await response.json()) as { error: string }).error).toMatch(error);
  };
  await refused(await tryDelta({ commentId: answer, explanation: WHY }, { Origin: "https://elsewhere.example" }), 403, /^Cross-site requests are refused/);
  await refused(await tryDelta({ commentId: "12abc", explanation: WHY }), 400, /./);
  await refused(await tryDelta({ commentId: answer, explanation: "Too short." }), 400, /at least 50 characters/);
  await refused(await tryDelta({ commentId: answer, explanation: WHY }), 403, /only in a conversation you took part in/);
  await refused(await tryDelta({ commentId: 2_000_000_000, explanation: WHY }), 404, /does not exist/);
  await refused(await author.api.post("/api/comments/deltas", { data: { commentId: answer, explanation: WHY } }), 409, /already awarded this reader a Δ/);
  await refused(await author.api.post("/api/comments/deltas", { data: { commentId: top, explanation: WHY } }), 403, /not your own/);
  // Nobody retracts another reader's comment.
  await refused(await outsider.api.post("/api/comments/retractions", { data: { commentId: answer, intent: "retract" } }), 403, /Only its author can retract/);
  await outsider.page.goto(`/comments/${answer}`);
  await expect(ownDeltas(outsider.page, answer).getByRole("listitem")).toHaveCount(1);

  // A moderator removes it from /admin with a reason readers then see in its place; the log has it.
  const moderator = await personIn(browser, MODERATOR, { javaScriptEnabled: false });
  await moderator.page.goto("/admin?view=deltas");
  const card = moderator.page.getByRole("article").filter({ hasText: "(abusive copy)" });
  await card.locator("summary").click();
  await card.getByLabel("Reason", { exact: true }).selectOption("Other");
  await card.getByLabel("In your own words (needed for “Other”)").fill("Mocking, not persuaded.");
  await card.getByRole("button", { name: "Remove Δ" }).click();
  await expect(moderator.page.getByRole("status")).toHaveText("The Δ is removed. Readers see your reason in its place.");
  await moderator.page.goto("/admin?view=log");
  await expect(moderator.page.getByText(/removed a Δ given by/).first()).toBeVisible();

  await outsider.page.goto(`/comments/${answer}`);
  await expect(ownDeltas(outsider.page, answer)).toContainText("A moderator removed a Δ here: Mocking, not persuaded.");
  await expect(ownDeltas(outsider.page, answer)).not.toContainText("(abusive copy)");
  await Promise.all([author.close(), answerer.close(), outsider.close(), moderator.close()]);
});
