import { expect, test } from "@playwright/test";
import { migrateDatabase } from "../../db/migrate";
import { startApp, type AppServer } from "../support/app-server";
import { createDatabase, findPostgresBinaries, startPostgres, type PostgresServer } from "../support/postgres";
import { chooseOidcUser, newUser, OIDC_BUTTON } from "./harness/fixtures";
import { E2E_CONTENT_DIR, E2E_DIST_DIR } from "./harness/ports";

// Serverless hosting runs many instances on one PostgreSQL: a session made on one must be
// valid on every other. Two `next start` processes on two ports share one real server.
const PORTS = [3227, 3228] as const;
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
    await expect(page.getByRole("link", { name: `Your profile (${user.name})` })).toBeVisible();

    // Cookies are per host, not per port: the second instance receives the same session cookie
    // and can only accept it by finding the session in the shared database.
    const onSecond = await page.request.get(`${second.url}/api/me`);
    expect(await onSecond.json()).toEqual({ signedIn: true, id: expect.any(String), name: user.name, image: null });
    await page.goto(`${second.url}/profile`);
    await expect(page.getByLabel("Display name")).toHaveValue(user.name);

    // Signing out on the second ends the session on the first too.
    await page.getByRole("button", { name: "Sign out" }).click();
    expect(await (await page.request.get(`${first.url}/api/me`)).json()).toEqual({ signedIn: false });
  });
});
