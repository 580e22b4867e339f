import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { accountMenu, chooseOidcUser, expect, expectSignedInAs, newUser, OIDC_BUTTON, signInWithOidc, test } from "./harness/fixtures";
import { MODERATOR } from "./harness/people";

// Issue #12: what the session tells scripts (item 7) and signing out from the header (item 10).
const ESSAY = "/leftlibertarian/08/23/because-killing-them-all-is-not-an-option";

/** What a script on the page gets from Auth.js's session endpoint. */
async function sessionFromPage(page: Page): Promise<{ [key: string]: unknown; user: Record<string, unknown> }> {
  return page.evaluate(async () => (await fetch("/api/auth/session", { cache: "no-store" })).json());
}

async function sessionCookie(page: Page) {
  const cookie = (await page.context().cookies()).find((c) => c.name.endsWith("authjs.session-token"));
  expect(cookie, "a session cookie is set").toBeTruthy();
  return cookie!;
}

test("/api/auth/session gives a page's scripts the reader's id, name, avatar and role only", async ({ page }) => {
  const user = newUser("Scripted");
  await signInWithOidc(page, user, ESSAY);

  const session = await sessionFromPage(page);
  expect(Object.keys(session).sort()).toEqual(["expires", "user"]);
  expect(Object.keys(session.user).sort()).toEqual(["id", "image", "name", "role"]);
  expect(session.user).toEqual({ id: expect.any(String), name: user.name, image: null, role: "reader" });

  const cookie = await sessionCookie(page);
  const raw = JSON.stringify(session);
  expect(raw, "no session token").not.toContain(cookie.value);
  expect(raw, "no e-mail address").not.toContain(user.email);
  expect(raw).not.toContain("sessionToken");

  // The token stays out of JavaScript's reach: an HttpOnly cookie.
  expect(cookie.httpOnly).toBe(true);
  const visible = await page.evaluate(() => document.cookie);
  expect(visible).not.toContain("session-token");
  expect(visible).not.toContain(cookie.value);
});

test("the session names a moderator's role, still without the address", async ({ page }) => {
  await signInWithOidc(page, MODERATOR, ESSAY);
  const session = await sessionFromPage(page);
  expect(session.user).toEqual({ id: expect.any(String), name: MODERATOR.name, image: null, role: "moderator" });
  expect(JSON.stringify(session)).not.toContain(MODERATOR.email);
});

test("a reader opens the header's account menu with the keyboard and signs out from it", async ({ page }) => {
  const user = newUser("Keys");
  await signInWithOidc(page, user, ESSAY);
  const summary = accountMenu(page).locator("summary");

  // Tab from the top of the page to the menu button, as a keyboard user would: a fresh load, since
  // after the sign-in's client-side navigation Chrome starts Tab where the name form was.
  await page.goto(ESSAY);
  await expectSignedInAs(page, user.name);
  await page.locator("body").focus();
  for (let presses = 0; presses < 15 && !(await summary.evaluate((el) => el === document.activeElement)); presses += 1) {
    await page.keyboard.press("Tab");
  }
  await expect(summary).toBeFocused();
  const profileLink = accountMenu(page).getByRole("link", { name: "Your profile" });
  const signOut = accountMenu(page).getByRole("button", { name: "Sign out" });
  await expect(profileLink).toBeHidden();

  await page.keyboard.press("Enter");
  await expect(profileLink).toBeVisible();
  await expect(signOut).toBeVisible();
  const results = await new AxeBuilder({ page }).analyze();
  expect(results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`)).toEqual([]);

  // Escape closes it and leaves focus on its button; Space opens it again.
  await page.keyboard.press("Escape");
  await expect(profileLink).toBeHidden();
  await expect(summary).toBeFocused();
  await page.keyboard.press("Space");
  await expect(profileLink).toBeVisible();

  await page.keyboard.press("Tab");
  await expect(profileLink).toBeFocused();
  await page.keyboard.press("Tab");
  await expect(signOut).toBeFocused();
  await page.keyboard.press("Enter");

  // Back on the essay the reader was reading, signed out.
  await expect(page).toHaveURL(ESSAY);
  await expect(page.getByRole("banner").getByRole("link", { name: "Sign in" })).toBeVisible();
  await expect(accountMenu(page)).toHaveCount(0);
  expect(await (await page.request.get("/api/me")).json()).toEqual({ signedIn: false });
});

test("signing out is a plain form post: it works without JavaScript, and another site cannot do it", async ({ browser }) => {
  const user = newUser("NoScript");
  const context = await browser.newContext({ javaScriptEnabled: false });
  await chooseOidcUser(context, user);
  const page = await context.newPage();
  await page.goto("/sign-in?callbackUrl=/profile");
  await page.getByRole("button", { name: OIDC_BUTTON }).click();
  await page.getByRole("button", { name: "Use this name" }).click();
  await expect(page).toHaveURL("/profile");

  // A cross-site form post (its Origin is another site) leaves the reader signed in.
  const forged = await page.request.post("/sign-out", { headers: { Origin: "https://evil.example" }, form: { returnTo: "/" }, maxRedirects: 0 });
  expect(forged.status()).toBe(403);
  await page.reload();
  await expect(page.getByRole("heading", { level: 1, name: "Your profile" })).toBeVisible();

  // From the profile (a signed-in-only page) sign-out lands on the home page.
  await page.getByRole("main").getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL("/");
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=(%2F|\/)profile$/);
  await context.close();
});

test("the header's account menu names the reader and closes on a click elsewhere", async ({ page }) => {
  const user = newUser("Clicker");
  await signInWithOidc(page, user, ESSAY);
  await expectSignedInAs(page, user.name);
  await accountMenu(page).locator("summary").click();
  await expect(accountMenu(page)).toHaveAttribute("open", "");
  await page.getByRole("main").click({ position: { x: 5, y: 5 } });
  await expect(accountMenu(page)).not.toHaveAttribute("open");
});
