import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { migrateDatabase } from "../../db/migrate";
import { startApp, type AppServer } from "../support/app-server";
import type { OidcUser } from "../support/oidc-server";
import { expect, newUser, test } from "./harness/fixtures";
import { instanceEnv, signInAt } from "./harness/instance";
import { MODERATOR } from "./harness/people";
import { E2E_CONTENT_DIR, E2E_DIST_DIR, E2E_EXTRA_PORTS } from "./harness/ports";

// COMMENTS_MODERATION=first on an instance of its own (its own SQLite file): a reader's first
// comment waits for a moderator; once approved, their next comments go straight up.
const PORT = E2E_EXTRA_PORTS.premoderation;
const BASE = `http://localhost:${PORT}`;
const ESSAY = "/fixtures/07/01/a-moderated-conversation";

let app: AppServer | undefined;
let dataDir = "";

test.beforeAll(async () => {
  test.setTimeout(120_000);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "essays-premod-"));
  const file = path.join(dataDir, "blog.db");
  await migrateDatabase({ config: { dialect: "sqlite", file } });
  app = await startApp({
    port: PORT,
    distDir: E2E_DIST_DIR,
    logFile: ".tmp/e2e-premoderation.log",
    env: { ...instanceEnv({ base: BASE, databaseFile: file, dataDir, contentDir: E2E_CONTENT_DIR }), COMMENTS_MODERATION: "first" },
  });
});

test.afterAll(async () => {
  await app?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const signIn = (browser: Browser, user: OidcUser) => signInAt(browser, BASE, user, ESSAY);

async function post(page: Page, text: string): Promise<number> {
  await page.goto(`${BASE}${ESSAY}`);
  await page.getByLabel("Join the conversation").fill(text);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page).toHaveURL(/#comment-\d+$/);
  return Number(page.url().split("#comment-")[1]);
}

const publicHtml = async (page: Page) => (await page.request.get(`${BASE}${ESSAY}`, { headers: { Cookie: "" } })).text();

test("a reader's first comment waits for approval; after it, their comments go straight up", async ({ browser }) => {
  const reader = await signIn(browser, newUser("Newcomer"));
  const first = `My first words here ${Date.now()}`;
  const id = await post(reader, first);
  // The author sees it, marked; nobody else does, and it is not counted.
  await expect(reader.locator(`#comment-${id}`)).toContainText("Awaiting approval");
  await expect(reader.locator(`#comment-${id}`)).toContainText(first);
  const held = await publicHtml(reader);
  expect(held).not.toContain(first);
  expect(held).not.toContain(`comment-${id}"`);
  const feed = await (await reader.request.get(`${BASE}/comments.xml`)).text();
  expect(feed).not.toContain(first);

  const moderator = await signIn(browser, MODERATOR);
  await moderator.goto(`${BASE}/admin?view=queue`);
  const card = moderator.locator("article.admin-card", { hasText: first });
  await card.getByRole("button", { name: /^Approve/ }).click();
  await expect(moderator.locator("article.admin-card", { hasText: first })).toHaveCount(0);

  expect(await publicHtml(reader)).toContain(first);
  const second = `And my second ${Date.now()}`;
  const secondId = await post(reader, second);
  await expect(reader.locator(`#comment-${secondId}`)).not.toContainText("Awaiting approval");
  expect(await publicHtml(reader)).toContain(second);
});
