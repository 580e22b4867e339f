import Database from "better-sqlite3";
import AxeBuilder from "@axe-core/playwright";
import type { Browser, BrowserContext, Page } from "@playwright/test";
import { expect, newUser, signInWithOidc, test } from "./harness/fixtures";
import { MODERATOR } from "./harness/people";
import type { OidcUser } from "../support/oidc-server";

// Votes on comments (issue 13, decisions 037 and 038): value and stance apart, with JavaScript
// inline and without it as plain forms, refusals that say why, the orders they feed, and the
// moderators' list of coinciding voters.
const ESSAY = "/leftlibertarian/08/23/because-killing-them-all-is-not-an-option";
const HOUR = 3_600_000;

test.describe.configure({ mode: "serial" });

const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function personIn(browser: Browser, user: OidcUser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInWithOidc(page, user, ESSAY);
  return { context, page };
}

async function post(page: Page, text: string): Promise<number> {
  await page.goto(ESSAY);
  await page.getByLabel("Join the conversation").fill(text);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page).toHaveURL(/#comment-\d+$/);
  return Number(page.url().split("#comment-")[1]);
}

/**
 * Makes accounts and a comment two days old, straight in the suite's SQLite file, and records
 * the invalidation as the app does (cache_tag_events), so the pages are rendered again: the
 * accounts' votes then count, and the comment's scores are no longer hidden.
 */
function age({ emails, commentId }: { emails: string[]; commentId?: number }) {
  const db = new Database(process.env.E2E_DATABASE_FILE ?? "");
  db.pragma("busy_timeout = 5000");
  const then = Date.now() - 48 * HOUR;
  db.transaction(() => {
    const user = db.prepare("update users set created_at = ? where email = ?");
    for (const email of emails) expect(user.run(then, email).changes, email).toBe(1);
    if (commentId) db.prepare("update comments set created_at = ? where id = ?").run(then, commentId);
    const expire = db.prepare(
      "insert into cache_tag_events (tag, stale_at, expired_at, seq) values (?, null, ?, (select coalesce(max(seq), 0) + 1 from cache_tag_events)) on conflict (tag) do update set expired_at = excluded.expired_at, seq = excluded.seq",
    );
    for (const tag of [`comments:${ESSAY}`, `votes:${ESSAY}`, "comment-counts"]) expire.run(tag, Date.now());
  }).immediate();
  db.close();
}

const status = (page: Page, id: number) => page.locator(`#comment-${id} .comment-votes [role="status"]`).first();
const figures = (page: Page, id: number) => page.locator(`#comment-${id} .vote-figures`);
const voteButton = (page: Page, id: number, name: string) =>
  page.locator(`#comment-${id}`).getByRole("group", { name: /^Your votes on/ }).getByRole("button", { name, exact: true });

test("with JavaScript: value and stance toggle at once, pressed state and counts follow, a ▼ says why", async ({ browser }) => {
  // Two OpenID Connect sign-ins, three reloads and two axe passes: more than the default 60 s on
  // a loaded CI machine, though nothing in it waits on a timer.
  test.setTimeout(90_000);
  const writer = newUser("Argued");
  const voter = newUser("Weigher");
  const author = await personIn(browser, writer);
  const id = await post(author.page, unique("A comment worth weighing."));
  // No votes on one's own comment: the author has no vote buttons there.
  await expect(author.page.locator(`#comment-${id}`).getByRole("group", { name: /^Your votes on/ })).toHaveCount(0);

  const reader = await personIn(browser, voter);
  age({ emails: [writer.email!, voter.email!], commentId: id });
  await reader.page.goto(ESSAY);
  const up = voteButton(reader.page, id, "Worth reading");
  await expect(up).toHaveAttribute("aria-pressed", "false");
  await up.click();
  await expect(up).toHaveAttribute("aria-pressed", "true");
  await expect(status(reader.page, id)).toHaveText("Marked worth reading.");
  await expect(figures(reader.page, id)).toContainText("1 worth reading · 0 not useful");
  // The vote is stored: a fresh page (rendered again after the vote) shows it pressed and counted.
  await reader.page.reload();
  await expect(voteButton(reader.page, id, "Worth reading")).toHaveAttribute("aria-pressed", "true");
  await expect(figures(reader.page, id)).toContainText("1 worth reading · 0 not useful · 0 agree · 0 disagree");

  // Pressed again, it is taken back.
  await voteButton(reader.page, id, "Worth reading").click();
  await expect(voteButton(reader.page, id, "Worth reading")).toHaveAttribute("aria-pressed", "false");
  await expect(status(reader.page, id)).toHaveText("Your vote is taken back.");

  // A stance is a separate vote: disagreeing leaves value alone.
  await voteButton(reader.page, id, "Disagree").click();
  await expect(voteButton(reader.page, id, "Disagree")).toHaveAttribute("aria-pressed", "true");
  await expect(status(reader.page, id)).toHaveText("You disagree with this comment.");

  // ▼ opens its reasons; choosing one casts it.
  await reader.page.locator(`#comment-${id} .vote-down summary`).click();
  await voteButton(reader.page, id, "Repetitive").click();
  await expect(status(reader.page, id)).toHaveText("Marked not useful (repetitive).");
  await reader.page.reload();
  await expect(figures(reader.page, id)).toContainText("0 worth reading · 1 not useful · 0 agree · 1 disagree");
  await expect(reader.page.locator(`#comment-${id} .vote-down summary`)).toContainText("Not useful: repetitive");

  // A vote the server never receives is undone on the page, and the reader is told.
  await reader.page.route("**/api/comments/votes", (route) => route.abort("connectionrefused"));
  await voteButton(reader.page, id, "Agree").click();
  await expect(reader.page.locator(`#comment-${id} .comment-votes [role="alert"]`)).toHaveText(
    "Your vote could not be sent: check your connection and try again.",
  );
  await expect(voteButton(reader.page, id, "Agree")).toHaveAttribute("aria-pressed", "false");
  await expect(voteButton(reader.page, id, "Disagree")).toHaveAttribute("aria-pressed", "true");
  await reader.page.unroute("**/api/comments/votes");

  for (const scheme of ["light", "dark"] as const) {
    await reader.page.emulateMedia({ colorScheme: scheme });
    const results = await new AxeBuilder({ page: reader.page }).include(`#comment-${id}`).analyze();
    expect(results.violations, scheme).toEqual([]);
  }
  await author.context.close();
  await reader.context.close();
});

test("a new comment's scores stay hidden; a young account's vote is kept but does not count yet", async ({ browser }) => {
  const writer = newUser("Fresh");
  const author = await personIn(browser, writer);
  const id = await post(author.page, unique("A comment nobody may follow the crowd on."));
  const reader = await personIn(browser, newUser("Newcomer"));
  await reader.page.goto(ESSAY);
  await expect(figures(reader.page, id)).toContainText("Votes on a new comment are hidden for a while");
  await voteButton(reader.page, id, "Agree").click();
  await expect(status(reader.page, id)).toHaveText(
    "You agree with this comment. It will count once your account is old enough.",
  );
  // After a stance the reader sees the split (their own vote weighs nothing yet).
  await expect(figures(reader.page, id)).toContainText(/\d+ agree · \d+ disagree/);
  // The public page says nothing of it.
  const html = await (await reader.page.request.get(ESSAY, { headers: { Cookie: "" } })).text();
  const block = html.split(`id="comment-${id}"`)[1]?.split("</article>")[0] ?? "";
  expect(block).toContain("Votes on a new comment are hidden for a while");
  expect(block).not.toMatch(/\d+ agree/);
  // The author always sees their own tallies.
  await author.page.reload();
  await expect(figures(author.page, id)).toContainText("Only you see these for now: 0 worth reading · 0 not useful · 0 agree · 0 disagree");
  await author.context.close();
  await reader.context.close();
});

test("refusals say why and store nothing: own comment, ▼ without a reason, made-up axis, other essay, cross-site, signed out", async ({ browser }) => {
  const writer = newUser("Refused");
  const author = await personIn(browser, writer);
  const id = await post(author.page, unique("A comment the refusals are tried on."));
  const reader = await personIn(browser, newUser("Tryer"));
  const send = (page: Page, data: Record<string, unknown>, headers: Record<string, string> = {}) =>
    page.request.post("/api/comments/votes", { data: { commentId: id, essayPath: ESSAY, ...data }, headers: { Accept: "application/json", ...headers } });

  const own = await send(author.page, { axis: "value", value: "up" });
  expect(own.status()).toBe(403);
  expect((await own.json()).error).toMatch(/own comment/);
  const noReason = await send(reader.page, { axis: "value", value: "down" });
  expect(noReason.status()).toBe(400);
  expect(JSON.stringify(await noReason.json())).toMatch(/Disagreeing is a stance/);
  expect((await send(reader.page, { axis: "truth", value: "up" })).status()).toBe(400);
  const elsewhere = await send(reader.page, { axis: "stance", value: "agree", essayPath: "/fixtures/04/01/a-quiet-essay" });
  expect(elsewhere.status()).toBeGreaterThanOrEqual(400);
  expect((await elsewhere.json()).error).toMatch(/not under this essay/);
  const forged = await send(reader.page, { axis: "stance", value: "agree" }, { Origin: "https://evil.example" });
  expect(forged.status()).toBe(403);
  const anonymous = await browser.newContext();
  const signedOut = await anonymous.request.post("/api/comments/votes", { data: { commentId: id, essayPath: ESSAY, axis: "stance", value: "agree" } });
  expect(signedOut.status()).toBe(401);
  await anonymous.close();

  // A voter id in the body is not even read: the vote is the signed-in reader's.
  const forgedVoter = await send(reader.page, { axis: "value", value: "up", voterId: "someone-else", userId: "someone-else" });
  expect(forgedVoter.status()).toBe(200);
  const after = await (await reader.page.request.get(`/api/comments/mine?essay=${encodeURIComponent(ESSAY)}`)).json();
  expect(after.votes.votes[id]).toEqual({ value: "up" });
  expect((await send(reader.page, { axis: "value", value: "none" })).status()).toBe(200);

  // None of the refused ones was stored: the reader has no vote left on the comment.
  const mine = await (await reader.page.request.get(`/api/comments/mine?essay=${encodeURIComponent(ESSAY)}`)).json();
  expect(mine.votes.votes[id]).toBeUndefined();
  // The refusal page a plain form lands on names the reason.
  await reader.page.goto(`/comments/${id}/vote?refused=down-on-reply-to-you`);
  await expect(reader.page.getByRole("main")).toContainText("You cannot mark a direct reply to you as not useful: answer it instead.");
  await author.context.close();
  await reader.context.close();
});

test("without JavaScript: a plain form votes and comes back to the comment, pressed", async ({ browser }) => {
  const writer = newUser("Plain");
  const author = await personIn(browser, writer);
  const id = await post(author.page, unique("A comment voted on without scripts."));
  const signedIn = await personIn(browser, newUser("Scriptless"));
  const storageState = await signedIn.context.storageState();
  await signedIn.context.close();
  const context = await browser.newContext({ javaScriptEnabled: false, storageState });
  const page = await context.newPage();
  await page.goto(ESSAY);
  await voteButton(page, id, "Agree").click();
  await expect(page).toHaveURL(new RegExp(`${ESSAY}#comment-${id}$`));
  // Pressed, from the reader's own stylesheet (/api/me/votes.css), and the split now theirs to see.
  await expect(page.locator(`.vote-forms [value="${id}:agree"]`)).toHaveCSS("font-weight", "600");
  await expect(page.locator(`.vote-forms [value="${id}:disagree"]`)).not.toHaveCSS("font-weight", "600");
  // …and named so: a screen reader hears "Agree (your vote)".
  await expect(page.locator(`.vote-forms [value="${id}:agree"]`)).toHaveAccessibleName("Agree (your vote)");
  // The same button again takes it back.
  await page.locator(`.vote-forms [value="${id}:agree"]`).click();
  await expect(page).toHaveURL(new RegExp(`${ESSAY}#comment-${id}$`));
  await expect(page.locator(`.vote-forms [value="${id}:agree"]`)).not.toHaveCSS("font-weight", "600");
  await context.close();
  await author.context.close();
});

test("Best and Valued across disagreement: links in the order menu, addresses of their own, not indexed", async ({ page }) => {
  await page.goto(ESSAY);
  const orders = page.getByRole("navigation", { name: "Order of comments" });
  await expect(orders.getByRole("link", { name: "Best" })).toHaveAttribute("href", `${ESSAY}/comments/best#comments`);
  await orders.getByRole("link", { name: "Valued across disagreement" }).click();
  await expect(page).toHaveURL(`${ESSAY}/comments/valued#comments`);
  await expect(page).toHaveTitle(/valued across disagreement, page 1/);
  await expect(page.locator('meta[name="robots"]')).toHaveAttribute("content", /noindex/);
  await page.goto(`${ESSAY}/comments/best`);
  await expect(page).toHaveTitle(/best first, page 1/);
});

test("moderators see the coinciding-votes list on /admin", async ({ browser }) => {
  const moderator = await personIn(browser, MODERATOR);
  await moderator.page.goto("/admin?view=votes");
  await expect(moderator.page.getByRole("heading", { name: "Coinciding votes" })).toBeVisible();
  const results = await new AxeBuilder({ page: moderator.page }).include("main").analyze();
  expect(results.violations).toEqual([]);
  await moderator.context.close();
});
