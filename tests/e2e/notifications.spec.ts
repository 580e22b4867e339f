import type { Browser, BrowserContext, Page } from "@playwright/test";
import type { OidcUser } from "../support/oidc-server";
import { waitForViewer, expect, mailCount, mailsTo, newUser, signInWithOidc, test, waitForMail } from "./harness/fixtures";

// Replies reach people: e-mail through the real SMTP server, sent from the outbox by the
// app's own sender (OUTBOX_INTERVAL_SECONDS=1 in the suite).
const ESSAY = "/leftlibertarian/08/23/because-killing-them-all-is-not-an-option";
const REPLIED = /replied to your comment/;
const JOINED = /New comment in a conversation you joined/;

test.describe.configure({ mode: "serial" });

const unique = (label: string) => `${label} ${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

async function person(browser: Browser, user: OidcUser): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signInWithOidc(page, user, ESSAY);
  return { context, page };
}

async function post(page: Page, text: string, parentId?: number): Promise<number> {
  await page.goto(ESSAY);
  if (parentId === undefined) {
    await page.getByLabel("Join the conversation").fill(text);
    await page.getByRole("button", { name: "Post comment" }).click();
  } else {
    await waitForViewer(page);
    const parent = page.locator(`#comment-${parentId}`);
    await parent.getByRole("link", { name: /^Reply/ }).first().click();
    await parent.locator("form.comment-form").getByRole("textbox").fill(text);
    await parent.locator("form.comment-form").getByRole("button", { name: "Post reply" }).click();
  }
  await expect(page).toHaveURL(/#comment-\d+$/);
  return Number(page.url().split("#comment-")[1]);
}

async function setPreference(page: Page, label: RegExp) {
  await page.goto("/profile");
  await page.getByLabel(label).check();
  await page.getByRole("button", { name: "Save e-mail settings" }).click();
  await expect(page.getByRole("status")).toContainText("Saved");
}

test("a reply e-mails the parent's author once, with a working link and one-click unsubscribe", async ({ browser, request }) => {
  test.setTimeout(90_000);
  const ada = newUser("Ada");
  const ben = newUser("Ben");
  const a = await person(browser, ada);
  const b = await person(browser, ben);

  const parentId = await post(a.page, unique("Ada starts a conversation."));
  // Replying to yourself sends nothing…
  await post(a.page, unique("Ada adds a thought."), parentId);
  // …a reply from someone else sends exactly one e-mail.
  const replyText = unique("Ben answers *kindly*.");
  const replyId = await post(b.page, replyText, parentId);
  const mail = await waitForMail(ada.email, 1, REPLIED);
  expect(mail.subject).toBe(`${ben.name} replied to your comment on “Because Killing Them All is Not an Option”`);
  expect(mail.text).toContain(replyText);
  expect(mail.html).toContain("<em>kindly</em>");
  expect(mail.text).not.toContain(ben.email);
  expect(mail.html).not.toContain(ben.email);
  expect(mailCount(ada.email, REPLIED)).toBe(1);
  expect(mailCount(ben.email)).toBe(0);

  // The link is the reply's lasting address: it opens the reply on its page of the thread.
  const link = mail.text.match(/Read it in its thread: (\S+)/)?.[1] ?? "";
  expect(link).toMatch(new RegExp(`^https?://[^/]+/comments/${replyId}$`));
  const reader = await browser.newContext();
  const readerPage = await reader.newPage();
  await readerPage.goto(link);
  await expect(readerPage).toHaveURL(new RegExp(`${ESSAY}#comment-${replyId}$`));
  await expect(readerPage.locator(`#comment-${replyId}`)).toContainText(replyText.replace("*kindly*", "kindly"));
  await expect(readerPage.locator(`#comment-${replyId}`)).toBeInViewport();
  await reader.close();

  // RFC 8058 one-click unsubscribe: the List-Unsubscribe address takes a POST, no sign-in.
  expect(mail.rawHeaders["list-unsubscribe-post"]).toBe("List-Unsubscribe=One-Click");
  const unsubscribe = mail.rawHeaders["list-unsubscribe"]?.match(/<([^>]+)>/)?.[1] ?? "";
  expect(unsubscribe).toContain("/api/unsubscribe?token=");
  const forged = await request.post(unsubscribe.replace(/token=[^&]+/, "token=forged"), { form: { "List-Unsubscribe": "One-Click" } });
  expect(forged.status()).toBe(400);
  const done = await request.post(new URL(unsubscribe).pathname + new URL(unsubscribe).search, { form: { "List-Unsubscribe": "One-Click" } });
  expect(done.status()).toBe(200);

  // Unsubscribed: the next reply sends nothing. (Ben's second reply to Ada, then a reply to Ben
  // that does send mail, so we know the queue moved past it.)
  await post(b.page, unique("Ben again."), parentId);
  const marker = await post(a.page, unique("Ada answers Ben."), replyId);
  await waitForMail(ben.email, 1, REPLIED);
  expect(mailCount(ada.email, REPLIED)).toBe(1);
  expect(marker).toBeGreaterThan(replyId);
  await a.page.goto("/profile");
  await expect(a.page.getByLabel(/^Never/)).toBeChecked();
  await a.context.close();
  await b.context.close();
});

test("preferences are respected: never gets nothing, conversations gets new comments in threads joined", async ({ browser }) => {
  test.setTimeout(90_000);
  const owner = newUser("Owner");
  const quiet = newUser("Quiet");
  const keen = newUser("Keen");
  const o = await person(browser, owner);
  const q = await person(browser, quiet);
  const k = await person(browser, keen);
  await setPreference(q.page, /^Never/);
  await setPreference(k.page, /^Replies, and new comments/);

  const root = await post(o.page, unique("Owner opens a thread."));
  const quietsComment = await post(q.page, unique("Quiet joins."), root);
  await post(k.page, unique("Keen joins."), root);
  // A new comment in the thread: Owner is replied to (reply mail); Keen joined and chose
  // conversations (joined mail); Quiet is replied to but chose never.
  await post(o.page, unique("Owner replies to Quiet."), quietsComment);
  const late = newUser("Late");
  const l = await person(browser, late);
  await post(l.page, unique("Late replies to Owner."), root);

  await waitForMail(owner.email, 1, REPLIED);
  // Keen: the reply to Quiet and Late's comment; waiting for the later one means the queue passed Quiet's too.
  await waitForMail(keen.email, 2, JOINED);
  // Quiet chose never: nothing, not even for the direct reply to their comment.
  expect(mailsTo(quiet.email)).toHaveLength(0);
  for (const context of [o.context, q.context, k.context, l.context]) await context.close();
});
