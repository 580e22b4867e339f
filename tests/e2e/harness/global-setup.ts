import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { migrateDatabase } from "../../../db/migrate";
import { buildIfStale } from "../../../scripts/lib/build-if-stale";
import { startApp } from "../../support/app-server";
import { startOidcServer } from "../../support/oidc-server";
import { MODERATOR } from "./people";
import { startSmtpServer } from "../../support/smtp-server";
import { prepareE2eContent } from "./e2e-content";
import { E2E_BASE_URL, E2E_CONTENT_DIR, E2E_DIST_DIR, E2E_PORT } from "./ports";


/**
 * Starts the real peers the app talks to (an OpenID Connect issuer and an SMTP server on
 * loopback), builds the site once into its own dist dir, migrates a fresh SQLite file and
 * starts the app. Returns the teardown, which stops every process it started.
 */
export default async function globalSetup() {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "essays-e2e-"));
  const mailbox = path.join(dataDir, "mailbox");
  const [oidc, smtp] = await Promise.all([startOidcServer(), startSmtpServer(mailbox)]);
  const dbFile = path.join(dataDir, "blog.db");
  const appEnv = {
    SITE_URL: E2E_BASE_URL,
    AUTH_URL: E2E_BASE_URL,
    AUTH_SECRET: "e2e-secret-e2e-secret-e2e-secret-e2e-secret",
    DATA_DIR: dataDir,
    DATABASE_URL: `file:${dbFile}`,
    EMAIL_SERVER: smtp.url,
    EMAIL_FROM: "Essays <essays@example.org>",
    AUTH_OIDC_ISSUER: oidc.issuer,
    AUTH_OIDC_ID: oidc.clientId,
    AUTH_OIDC_SECRET: oidc.clientSecret,
    AUTH_OIDC_NAME: "Test Identity",
    CONTENT_DIR: prepareE2eContent(),
    // Generous limits: the suite posts many comments as one reader (the XSS list). The
    // limits themselves are tested on the PostgreSQL instances and in the contract tests.
    COMMENTS_PER_MINUTE: "500",
    COMMENTS_PER_DAY: "5000",
    // Pages of 500 comments: the shared essays (the XSS list alone is 103 comments) stay on
    // their first page, so those specs read one page; long-thread.spec.ts pages the 5,000.
    COMMENTS_PER_PAGE: "500",
    ADMIN_EMAILS: MODERATOR.email,
    // Queued e-mail goes out within a second, so tests wait on the mailbox, not on a timer.
    OUTBOX_INTERVAL_SECONDS: "1",
  };
  // Workers inherit these: where to read mail, which issuer, where the database is.
  Object.assign(process.env, { E2E_MAILBOX_DIR: mailbox, E2E_OIDC_ISSUER: oidc.issuer, E2E_DATABASE_FILE: dbFile, E2E_SMTP_URL: smtp.url });

  const stops: (() => Promise<void>)[] = [oidc.stop, smtp.stop];
  const teardown = async () => {
    for (const stop of stops.reverse()) await stop().catch(() => undefined);
    fs.rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await migrateDatabase({ config: { dialect: "sqlite", file: dbFile } });
    await buildIfStale(E2E_DIST_DIR, { SITE_URL: E2E_BASE_URL, CONTENT_DIR: E2E_CONTENT_DIR }, { ...process.env, ...appEnv });
    const app = await startApp({ port: E2E_PORT, distDir: E2E_DIST_DIR, env: appEnv, logFile: ".tmp/e2e-app.log" });
    stops.push(app.stop);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
