import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import type { Browser, Page } from "@playwright/test";
import { migrateDatabase } from "../../db/migrate";
import { run } from "../../scripts/lib/run";
import { startApp, type AppServer } from "../support/app-server";
import type { OidcUser } from "../support/oidc-server";
import { expect, newUser, test } from "./harness/fixtures";
import { instanceEnv, signInAt } from "./harness/instance";
import { MODERATOR } from "./harness/people";
import { E2E_EXTRA_PORTS } from "./harness/ports";

// Passages across a revision of the essay (issue 15), the way a writer works: readers respond to
// passages, the writer edits the essay's file and the site is built again, and each response is
// where it belongs — on its words, marked "revised" where its words were edited, or under "responses
// to earlier versions" at the nearest paragraph when its paragraph is gone. An instance of its own:
// its own essay, build, SQLite file and port, so the rest of the suite never sees the edit.
const PORT = E2E_EXTRA_PORTS.revisions;
const BASE = `http://localhost:${PORT}`;
const ESSAY = "/fixtures/03/04/an-essay-in-revision";
const DIST = ".next-e2e-revisions";

const FRONT = "---\ntitle: An Essay in Revision\ndate: 2011-03-04\ncategory: fixtures\ntags: [test-fixture]\n---\n\n";
const KEPT = "Dialogue begins where force ends. Nobody is persuaded at gunpoint, and nobody should try.";
const EDITED = "We owe our opponents a hearing before a verdict. Listening is not agreeing.";
const DOOMED = "This paragraph will not survive the next draft. Its claim is too broad to defend.";
const LAST = "In the end the conversation is the point.";
const FIRST_DRAFT = `${FRONT}${KEPT}\n\n${EDITED}\n\n${DOOMED}\n\n${LAST}\n`;
// A new opening, the second paragraph's first sentence reworded, the third paragraph deleted.
const SECOND_DRAFT = `${FRONT}A new opening paragraph, written after the first readers came.\n\n${KEPT}\n\n${EDITED.replace("a hearing before a verdict", "a patient hearing before any verdict")}\n\n${LAST}\n`;

let app: AppServer | undefined;
let dataDir = "";
let env: Record<string, string> = {};

async function build(): Promise<void> {
  const code = await run("nice", ["-n", "10", "npm", "run", "--silent", "build"], { env: { ...process.env, ...env, NEXT_DIST_DIR: DIST }, stdio: ["ignore", "ignore", "inherit"] });
  if (code !== 0) throw new Error("the build failed; its messages are above");
}

const start = async () => (app = await startApp({ port: PORT, distDir: DIST, logFile: ".tmp/e2e-revisions.log", env }));

test.beforeAll(async () => {
  test.setTimeout(300_000);
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "essays-revisions-"));
  const content = path.join(dataDir, "content");
  fs.mkdirSync(content);
  fs.writeFileSync(path.join(content, "an-essay-in-revision.md"), FIRST_DRAFT);
  const file = path.join(dataDir, "blog.db");
  await migrateDatabase({ config: { dialect: "sqlite", file } });
  env = instanceEnv({ base: BASE, databaseFile: file, dataDir, contentDir: content });
  await build();
  await start();
});

test.afterAll(async () => {
  await app?.stop();
  fs.rmSync(dataDir, { recursive: true, force: true });
});

const signIn = (browser: Browser, user: OidcUser) => signInAt(browser, BASE, user, ESSAY);

/** Selects `words` in the paragraph that contains them and responds through the control. */
async function respondTo(page: Page, words: string, body: string): Promise<number> {
  await page.goto(`${BASE}${ESSAY}`);
  await page.locator(".prose [data-block]", { hasText: words }).evaluate((block, words) => {
    const text = block.firstChild as Text;
    const at = text.data.indexOf(words);
    const range = document.createRange();
    range.setStart(text, at);
    range.setEnd(text, at + words.length);
    document.getSelection()!.removeAllRanges();
    document.getSelection()!.addRange(range);
  }, words);
  await page.getByRole("link", { name: "Respond to this passage" }).click();
  await expect(page.locator(".respond-to-passage blockquote")).toHaveText(words);
  await page.getByLabel("Your response to this passage").fill(body);
  await page.getByRole("button", { name: "Post response" }).click();
  await expect(page).toHaveURL(/#comment-\d+$/);
  return Number(page.url().split("#comment-")[1]);
}

test("after the essay's file is edited and the site rebuilt, each response is on its words, marked revised, or under earlier versions, and the writer can re-attach one", async ({ browser }) => {
  test.setTimeout(420_000);
  const page = await signIn(browser, newUser("Careful Reader"));
  const kept = await respondTo(page, "Nobody is persuaded at gunpoint", `On force ${Date.now()}`);
  const edited = await respondTo(page, "a hearing before a verdict", `On hearings ${Date.now()}`);
  const doomed = await respondTo(page, "Its claim is too broad to defend", `On breadth ${Date.now()}`);
  await page.goto(`${BASE}${ESSAY}`);
  await expect(page.locator("mark.passage-mark")).toHaveText(["Nobody is persuaded at gunpoint", "a hearing before a verdict", "Its claim is too broad to defend"]);

  // The writer's edit, and the host's rebuild and restart on the same database.
  await app?.stop();
  fs.writeFileSync(path.join(env.CONTENT_DIR!, "an-essay-in-revision.md"), SECOND_DRAFT);
  await build();
  await start();

  // The start re-anchors the passages in the background and expires the page built before it.
  await expect
    .poll(async () => (await page.goto(`${BASE}${ESSAY}`), await page.locator(".passage-responses").count()), { timeout: 30_000 })
    .toBeGreaterThan(0);
  await expect(page.locator(".prose")).toContainText("A new opening paragraph");
  // On its words, still, one paragraph further down.
  const keptBlock = page.locator(".prose [data-block]", { hasText: KEPT });
  await expect(keptBlock.locator("mark.passage-mark")).toHaveText("Nobody is persuaded at gunpoint");
  // Never on other words: the reworded passage and the deleted one have no mark.
  await expect(page.locator("mark.passage-mark")).toHaveCount(1);
  const editedBlock = page.locator(".prose [data-block]", { hasText: "a patient hearing" });
  await expect(page.locator(`#${await editedBlock.getAttribute("id")} + .passage-responses`)).toContainText("1 response");
  // The deleted paragraph's response, at the nearest paragraph that survives.
  await expect(page.locator(".passage-responses", { hasText: "1 response to an earlier version" })).toHaveCount(1);

  // In the thread: each quote as it was written, and what became of it.
  await expect(page.locator(`#comment-${kept} .comment-passage`)).toContainText("Responding to this passage of the essay");
  const editedQuote = page.locator(`#comment-${edited} .comment-passage`);
  await expect(editedQuote.locator("blockquote")).toHaveText("a hearing before a verdict");
  await expect(editedQuote).toContainText("Responding to a passage the essay revised after this comment");
  const doomedQuote = page.locator(`#comment-${doomed} .comment-passage`);
  await expect(doomedQuote.locator("blockquote")).toHaveText("Its claim is too broad to defend");
  await expect(doomedQuote).toContainText("Responding to a passage of an earlier version of the essay");

  // The version it answered is there to read.
  await doomedQuote.getByRole("link", { name: "an earlier version of the essay" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("An Essay in Revision");
  await expect(page.locator(".prose")).toContainText(DOOMED);
  await expect(page.locator(".revision-notice")).toContainText("The essay has been revised since");
  await page.context().close();

  // The writer sees what the edit left behind on /admin: the quote as written, and where it is shown.
  const writer = await signIn(browser, MODERATOR);
  await writer.goto(`${BASE}/admin?view=passages`);
  const orphan = writer.getByRole("article", { name: `Orphaned passage of comment ${doomed}` });
  await expect(orphan.locator("blockquote")).toHaveText("Its claim is too broad to defend");
  // Beside the paragraph before the deleted one, or the one after it: whichever re-anchoring found nearest.
  await expect(orphan).toContainText(/Shown beside: “(We owe our opponents a patient hearing|In the end the conversation)/);

  // …and re-attaches it by hand, to words of the last paragraph. Words that are not there are refused.
  const reattach = async (words: string) => {
    const card = writer.getByRole("article", { name: `Orphaned passage of comment ${doomed}` });
    await card.getByText("Re-attach", { exact: false }).first().click();
    await card.getByLabel("Paragraph of the current version").selectOption({ label: `4. ${LAST}` });
    await card.getByLabel("The words in it this response is about").fill(words);
    await card.getByRole("button", { name: "Re-attach" }).click();
  };
  await reattach("words nobody wrote");
  await expect(writer.getByRole("status")).toContainText("those words are not in that paragraph");
  await reattach("the conversation is the point");
  await expect(writer.getByRole("status")).toContainText("They differ from its quote");
  await expect(writer.getByRole("article", { name: `Orphaned passage of comment ${doomed}` })).toHaveCount(0);
  await writer.goto(`${BASE}/admin?view=log`);
  await expect(writer.locator(".admin-log li").first()).toContainText(`re-attached the passage of comment ${doomed}`);
  await expect(writer.locator(".admin-log li").first()).toContainText("Re-attached to “the conversation is the point”");
  // Readers see it beside that paragraph, with its quote as written and marked revised; no longer an earlier version's.
  await writer.goto(`${BASE}${ESSAY}`);
  const lastBlock = writer.locator(".prose [data-block]", { hasText: LAST });
  await expect(writer.locator(`#${await lastBlock.getAttribute("id")} + .passage-responses`)).toContainText("1 response");
  await expect(writer.locator(".passage-responses", { hasText: "earlier version" })).toHaveCount(0);
  const reattached = writer.locator(`#comment-${doomed} .comment-passage`);
  await expect(reattached.locator("blockquote")).toHaveText("Its claim is too broad to defend");
  await expect(reattached).toContainText("Responding to a passage the essay revised after this comment");
  await writer.context().close();
});
