import { expect, test } from "@playwright/test";
import { migrateDatabase } from "../../db/migrate";
import { startApp, type AppServer } from "../support/app-server";
import { createDatabase, findPostgresBinaries, startPostgres, type PostgresServer } from "../support/postgres";
import { chooseOidcUser, finishSignIn, newUser, OIDC_BUTTON } from "./harness/fixtures";
import { E2E_CONTENT_DIR, E2E_DIST_DIR, E2E_EXTRA_PORTS } from "./harness/ports";

// Serverless hosting runs many instances on one PostgreSQL: a session made on one must be
// valid on every other. Two `next start` processes on two ports share one real server.
const PORTS = E2E_EXTRA_PORTS.twoInstances;
const ESSAY = "/leftlibertarian/08/23/because-killing-them-all-is-not-an-option";
const hasPostgres = Boolean(findPostgresBinaries());
if (!hasPostgres && process.env.CI === "true") {
  throw new Error("CI=true but no PostgreSQL binaries (initdb, pg_ctl) were found: .ci/run installs them with apt-get install -y postgresql.");
}

test.describe("two app instances on one PostgreSQL", () => {
  test.skip(!hasPostgres, "SKIPPED: no PostgreSQL binaries found (install postgresql to run this test)");

  let postgres: PostgresServer | undefined;
  const apps: AppServer[] = [];

  test.beforeAll(async () => {
    test.setTimeout(120_000);
    postgres = await startPostgres();
    const url = await createDatabase({ serverUrl: postgres.url, name: "essays_two_instances" });
    await migrateDatabase({ config: { dialect: "postgres", url } });
    for (const port of PORTS) {
      const base = `http://localhost:${port}`;
      apps.push(
        await startApp({
          port,
          distDir: E2E_DIST_DIR,
          logFile: `.tmp/e2e-instance-${port}.log`,
          env: {
            DATABASE_URL: url,
            DATABASE_POOL_MAX: "2",
            COMMENTS_PER_MINUTE: "3",
            CONTENT_DIR: E2E_CONTENT_DIR,
            SITE_URL: base,
            AUTH_URL: base,
            AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
            AUTH_OIDC_ISSUER: process.env.E2E_OIDC_ISSUER ?? "",
            AUTH_OIDC_ID: "essays-e2e",
            AUTH_OIDC_SECRET: "essays-e2e-secret",
            AUTH_OIDC_NAME: "Test Identity",
          },
        }),
      );
    }
  });

  test.afterAll(async () => {
    for (const app of apps) await app.stop();
    await postgres?.stop();
  });

  test("a session made on one instance is valid on the other", async ({ page }) => {
    const [first, second] = apps as [AppServer, AppServer];
    const user = newUser("Serverless");
    await chooseOidcUser(page.context(), user);
    await page.goto(`${first.url}/sign-in`);
    await page.getByRole("button", { name: OIDC_BUTTON }).click();
    await finishSignIn(page, user.name);

    // Cookies are per host, not per port: the second instance receives the same session cookie
    // and can only accept it by finding the session in the shared database.
    const onSecond = await page.request.get(`${second.url}/api/me`);
    expect(await onSecond.json()).toEqual({ signedIn: true, id: expect.any(String), name: user.name, image: null, moderator: false });
    await page.goto(`${second.url}/profile`);
    await expect(page.getByLabel("Display name")).toHaveValue(user.name);

    // Signing out on the second ends the session on the first too.
    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page.getByRole("link", { name: "Sign in" })).toBeVisible();
    await expect.poll(async () => (await page.request.get(`${first.url}/api/me`)).json()).toEqual({ signedIn: false });
  });

  test("a comment posted on one instance shows on the other at its next page load", async ({ browser }) => {
    const [first, second] = apps as [AppServer, AppServer];
    const reader = await browser.newContext();
    const page = await reader.newPage();
    // The other instance has the page cached before the comment exists.
    const before = await (await page.request.get(`${second.url}${ESSAY}`)).text();
    const text = `Posted on the first instance ${Date.now()}`;
    expect(before).not.toContain(text);

    const user = newUser("Writer");
    await chooseOidcUser(reader, user);
    await page.goto(`${first.url}/sign-in?callbackUrl=${encodeURIComponent(ESSAY)}`);
    await page.getByRole("button", { name: OIDC_BUTTON }).click();
    await finishSignIn(page, user.name);
    await page.getByLabel("Join the conversation").fill(text);
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.locator("article.comment", { hasText: text })).toBeVisible();

    const anonymous = await browser.newContext({ javaScriptEnabled: false });
    const other = await anonymous.newPage();
    await other.goto(`${second.url}${ESSAY}`);
    await expect(other.locator("article.comment", { hasText: text })).toBeVisible();
    await other.goto(`${second.url}/`);
    await expect(other.locator(`a[href="${ESSAY}#comments"]`).first()).toContainText("1 comment");
    await anonymous.close();
    await reader.close();
  });

  test("the per-reader rate limit holds across instances and says when to try again", async ({ page }) => {
    const [first, second] = apps as [AppServer, AppServer];
    const user = newUser("Hasty");
    await chooseOidcUser(page.context(), user);
    await page.goto(`${first.url}/sign-in?callbackUrl=${encodeURIComponent(ESSAY)}`);
    await page.getByRole("button", { name: OIDC_BUTTON }).click();
    await finishSignIn(page, user.name);
    // COMMENTS_PER_MINUTE is 3 here: two posts on one instance, one on the other…
    for (const [index, app] of [first, first, second].entries()) {
      await page.goto(`${app.url}${ESSAY}`);
      await page.getByLabel("Join the conversation").fill(`Quick thought number ${index + 1} from ${user.name}`);
      await page.getByRole("button", { name: "Post comment" }).click();
      await expect(page).toHaveURL(/#comment-\d+$/);
    }
    // …and the fourth, on either, is refused with the text kept.
    await page.goto(`${second.url}${ESSAY}`);
    const fourth = `Quick thought number 4 from ${user.name}`;
    await page.getByLabel("Join the conversation").fill(fourth);
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.getByRole("alert").filter({ hasText: "You are posting faster than this site allows" })).toContainText(/try again in \d+ seconds?/);
    await expect(page.getByLabel("Join the conversation")).toHaveValue(fourth);
    const response = await page.request.post(`${first.url}/api/comments`, { data: { essayPath: ESSAY, body: fourth } });
    expect(response.status()).toBe(429);
  });
});

