import AxeBuilder from "@axe-core/playwright";
import { accountMenu, chooseOidcUser, expect, expectSignedInAs, finishSignIn, mailCount, newUser, OIDC_BUTTON, signInWithOidc, test, waitForMail } from "./harness/fixtures";

const ESSAY = "/leftlibertarian/08/23/because-killing-them-all-is-not-an-option";

test("a reader signs in with OpenID Connect, stays signed in across a reload, and signs out", async ({ page, context }) => {
  const user = newUser("Ada");
  await signInWithOidc(page, user, ESSAY);
  await expect(page).toHaveURL(ESSAY);

  const session = (await context.cookies()).find((cookie) => cookie.name.endsWith("authjs.session-token"));
  expect(session, "a session cookie is set").toBeTruthy();
  expect(session!.httpOnly).toBe(true);
  expect(session!.sameSite).toBe("Lax");

  await page.reload();
  await expectSignedInAs(page, user.name);

  await accountMenu(page).locator("summary").click();
  await accountMenu(page).getByRole("link", { name: "Your profile" }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Your profile" })).toBeVisible();
  await page.getByRole("main").getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL("/");
  await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
  await page.goto("/profile");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=(%2F|\/)profile$/);
});

test("a reader signs in with a magic link e-mailed through SMTP", async ({ page }) => {
  const email = newUser().email;
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(ESSAY)}`);
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "E-mail me a sign-in link" }).click();
  await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();

  const mail = await waitForMail(email);
  expect(mail.subject).toContain("Sign in to");
  const link = mail.text.match(/http:\/\/localhost:\d+\/api\/auth\/callback\/email\?\S+/)?.[0];
  expect(link, "the e-mail holds a sign-in link").toBeTruthy();
  await page.goto(link!);
  // The first sign-in asks for the public name: nothing guessed from the address (issue #12, item 6).
  await expect(page.getByRole("heading", { level: 1, name: "Choose your name" })).toBeVisible();
  await expect(page.getByLabel("Display name")).toHaveValue("");
  const localPart = email.split("@")[0]!;
  expect(await page.content()).not.toContain(localPart);
  await page.getByRole("button", { name: "Use this name" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "1 to 50 characters" })).toBeVisible();
  await page.getByLabel("Display name").fill("Jane from the magic link");
  await page.getByRole("button", { name: "Use this name" }).click();
  await expect(page).toHaveURL(ESSAY);
  await expectSignedInAs(page, "Jane from the magic link");
  expect(await page.content()).not.toContain(email);

  // A used link cannot sign anyone in again.
  await page.context().clearCookies();
  await page.goto(link!);
  await expect(page.getByRole("alert").filter({ hasText: "expired or was already used" })).toBeVisible();
});

test("a first sign-in offers the provider's name, works without JavaScript, and is asked only once", async ({ browser }) => {
  const user = newUser("Provided");
  const context = await browser.newContext({ javaScriptEnabled: false });
  await chooseOidcUser(context, user);
  const page = await context.newPage();
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(ESSAY)}`);
  await page.getByRole("button", { name: OIDC_BUTTON }).click();
  await expect(page).toHaveURL(/\/account\/name\?callbackUrl=/);
  await expect(page.getByLabel("Display name")).toHaveValue(user.name);
  await page.getByRole("button", { name: "Use this name" }).click();
  await expect(page).toHaveURL(ESSAY);

  // Signing in again goes straight through.
  await context.clearCookies();
  await chooseOidcUser(context, user);
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(ESSAY)}`);
  await page.getByRole("button", { name: OIDC_BUTTON }).click();
  await expect(page).toHaveURL(ESSAY);
  await context.close();
});

test("an invalid address is refused with a message in the form", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill("not-an-address");
  await page.getByRole("button", { name: "E-mail me a sign-in link" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "Enter an e-mail address" })).toBeVisible();
  await expect(page.getByLabel("E-mail address")).toHaveValue("not-an-address");
});

test("sign-in e-mails to one address are limited to five an hour", async ({ page }) => {
  const email = newUser().email;
  for (let sent = 1; sent <= 5; sent += 1) {
    await page.goto("/sign-in");
    await page.getByLabel("E-mail address").fill(email);
    await page.getByRole("button", { name: "E-mail me a sign-in link" }).click();
    await expect(page.getByRole("heading", { name: "Check your e-mail" })).toBeVisible();
    await waitForMail(email, sent);
  }
  await page.goto("/sign-in");
  await page.getByLabel("E-mail address").fill(email);
  await page.getByRole("button", { name: "E-mail me a sign-in link" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "in the last hour" })).toBeVisible();
  expect(mailCount(email)).toBe(5);
});

test("the name a reader chooses on the profile page shows in the header", async ({ page }) => {
  const user = newUser("Grace");
  await signInWithOidc(page, user, "/profile");
  const field = page.getByLabel("Display name");
  await expect(field).toHaveValue(user.name);

  await field.fill("   ");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "1 to 50 characters" })).toBeVisible();

  // The browser stops at maxlength; the server must refuse a longer name on its own.
  await field.evaluate((input) => input.removeAttribute("maxlength"));
  await field.fill("x".repeat(51));
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("alert").filter({ hasText: "50 characters or fewer" })).toBeVisible();

  await field.fill("  Grace   Hopper  ");
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("status")).toContainText("Grace Hopper");
  await page.goto("/");
  await expectSignedInAs(page, "Grace Hopper");
});

test("an off-site callbackUrl lands on the home page instead", async ({ page }) => {
  const user = newUser();
  await chooseOidcUser(page.context(), user);
  await page.goto("/sign-in?callbackUrl=https://evil.example/phish");
  await page.getByRole("button", { name: OIDC_BUTTON }).click();
  await finishSignIn(page, user.name);
  expect(new URL(page.url()).origin).toBe(new URL(test.info().project.use.baseURL!).origin);
  expect(new URL(page.url()).pathname).toBe("/");

  // Auth.js's own endpoint refuses it too.
  await page.context().clearCookies();
  await chooseOidcUser(page.context(), user);
  await page.goto("/api/auth/signin?callbackUrl=//evil.example/phish");
  await page.getByRole("button", { name: OIDC_BUTTON }).click();
  await expectSignedInAs(page, user.name);
  expect(new URL(page.url()).pathname).toBe("/");
});

test("the session endpoint for the header never carries the e-mail address", async ({ page, request }) => {
  const user = newUser();
  await signInWithOidc(page, user);
  const me = await page.request.get("/api/me");
  expect(await me.json()).toEqual({ signedIn: true, id: expect.any(String), name: user.name, image: null, moderator: false });
  expect(me.headers()["cache-control"]).toContain("no-store");
  expect(await (await request.get("/api/me")).json()).toEqual({ signedIn: false });
});

test("axe finds no violations on the sign-in and profile pages", async ({ page }) => {
  await page.goto("/sign-in?error=Verification");
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
  await signInWithOidc(page, newUser(), "/profile");
  expect((await new AxeBuilder({ page }).analyze()).violations).toEqual([]);
});
