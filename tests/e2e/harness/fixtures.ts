import { expect, test as base, type BrowserContext, type Page } from "@playwright/test";
import { readMailbox, type ReceivedMail } from "../../support/smtp-server";
import { OIDC_USER_COOKIE, type OidcUser } from "../../support/oidc-server";

export const OIDC_BUTTON = "Sign in with Test Identity";

let counter = 0;
/** A new person for each call, so tests never share an account (or a rate limit). */
export function newUser(name = "Reader"): OidcUser {
  counter += 1;
  const id = `${Date.now().toString(36)}${process.pid}${counter}`;
  return { sub: `sub-${id}`, email: `reader-${id}@example.org`, name: `${name} ${id.slice(-4)}` };
}

/** Tells the test issuer which person this browser context is. */
export async function chooseOidcUser(context: BrowserContext, user: OidcUser) {
  const issuer = new URL(process.env.E2E_OIDC_ISSUER ?? "");
  await context.addCookies([{ name: OIDC_USER_COOKIE, value: encodeURIComponent(JSON.stringify(user)), domain: issuer.hostname, path: "/" }]);
}

/** Signs in through the real OpenID Connect flow and waits until the header shows the name. */
export async function signInWithOidc(page: Page, user: OidcUser, from = "/") {
  await chooseOidcUser(page.context(), user);
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(from)}`);
  await page.getByRole("button", { name: OIDC_BUTTON }).click();
  await finishSignIn(page, user.name);
}

/**
 * After the provider or the magic link: a reader who has not accepted a public name yet lands on
 * the name page first (decision 030). `name` is the name to end up with: the provider's (already
 * in the field) is accepted, any other is typed. Then waits until the header shows it.
 */
export async function finishSignIn(page: Page, name: string) {
  // Called on the sign-in page or the magic link's address: the app's origin.
  const app = new URL(page.url()).origin;
  await page.waitForURL((url) => url.origin === app && !/^\/(sign-in|api\/auth)/.test(url.pathname));
  if (new URL(page.url()).pathname === "/account/name") {
    await page.getByLabel("Display name").fill(name);
    await page.getByRole("button", { name: "Use this name" }).click();
    await page.waitForURL((url) => url.pathname !== "/account/name");
  }
  await expectSignedInAs(page, name);
}

/** The header's account menu (a <details>): its summary shows the signed-in reader's avatar and name. */
export function accountMenu(page: Page) {
  return page.getByRole("banner").locator("details.account-menu");
}

/** The header names `name` as the signed-in reader (once the browser has asked /api/me). */
export async function expectSignedInAs(page: Page, name: string) {
  await expect(accountMenu(page).locator("summary")).toHaveAccessibleName(`${name} (account menu)`);
}

/** After a page load: waits until the browser knows who is signed in (inline forms depend on it). */
export async function waitForViewer(page: Page, { timeout }: { timeout?: number } = {}) {
  await expect(accountMenu(page).locator("summary")).toBeVisible({ timeout });
}

/** Waits for the n-th e-mail to `to` (whose subject matches, when given) to arrive at the test SMTP server. */
export async function waitForMail(to: string, count = 1, subject?: RegExp): Promise<ReceivedMail> {
  let mails: ReceivedMail[] = [];
  await expect
    .poll(() => {
      mails = mailsTo(to, subject);
      return mails.length;
    }, { message: `waiting for e-mail number ${count} to ${to}`, timeout: 15_000 })
    .toBeGreaterThanOrEqual(count);
  return mails[count - 1]!;
}

export function mailsTo(to: string, subject?: RegExp): ReceivedMail[] {
  return readMailbox(process.env.E2E_MAILBOX_DIR ?? "", to).filter((mail) => !subject || subject.test(mail.subject));
}

export function mailCount(to: string, subject?: RegExp): number {
  return mailsTo(to, subject).length;
}

export const test = base;
export { expect };
