import type { Browser, Page } from "@playwright/test";
import type { OidcUser } from "../../support/oidc-server";
import { chooseOidcUser, finishSignIn, OIDC_BUTTON } from "./fixtures";
import { MODERATOR } from "./people";

// For specs that start an app instance of their own (its own port, SQLite file and settings): the
// environment every such instance needs, and signing in to it through the suite's OIDC server.

/** The settings an extra instance shares with the suite's: the same OIDC server, the suite's moderator. */
export function instanceEnv(options: { base: string; databaseFile: string; dataDir: string; contentDir: string }): Record<string, string> {
  return {
    DATABASE_URL: `file:${options.databaseFile}`,
    DATA_DIR: options.dataDir,
    CONTENT_DIR: options.contentDir,
    SITE_URL: options.base,
    AUTH_URL: options.base,
    AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
    AUTH_OIDC_ISSUER: process.env.E2E_OIDC_ISSUER ?? "",
    AUTH_OIDC_ID: "essays-e2e",
    AUTH_OIDC_SECRET: "essays-e2e-secret",
    AUTH_OIDC_NAME: "Test Identity",
    ADMIN_EMAILS: MODERATOR.email,
    OUTBOX_INTERVAL_SECONDS: "0",
  };
}

/** A new browser context signed in as `user` on the instance at `base`, landing on `from`. */
export async function signInAt(browser: Browser, base: string, user: OidcUser, from: string): Promise<Page> {
  const context = await browser.newContext();
  await chooseOidcUser(context, user);
  const page = await context.newPage();
  await page.goto(`${base}/sign-in?callbackUrl=${encodeURIComponent(from)}`);
  await page.getByRole("button", { name: OIDC_BUTTON }).click();
  await finishSignIn(page, user.name);
  return page;
}
