import Database from "better-sqlite3";
import { expect, newUser, signInWithOidc, test } from "./harness/fixtures";

// Passages (issue 15, decision 045), first part: every block of the essay page carries the id its
// revision gave it; the ids the build planned (it only reads) are the ones the running site records
// on its first render, with the same text, so a passage chosen on either page names the same block.
const ESSAY = "/leftlibertarian/08/23/because-killing-them-all-is-not-an-option";

type PageBlocks = { revision: string | null; blocks: { id: string; text: string }[] };

async function blocksOnPage(page: import("@playwright/test").Page): Promise<PageBlocks> {
  return page.locator(".prose").evaluate((prose) => ({
    revision: prose.getAttribute("data-revision"),
    blocks: [...prose.querySelectorAll<HTMLElement>("[data-block]")].map((node) => ({ id: node.dataset.block ?? "", text: node.textContent ?? "" })),
  }));
}

test("the essay's blocks carry stable ids, and the revision the site records holds the same blocks", async ({ page }) => {
  await page.goto(ESSAY);
  const built = await blocksOnPage(page);
  expect(built.revision).toMatch(/^r[\w-]{20}$/);
  // The seed essay: 15 paragraphs and 5 list items, each its own block, each id unique.
  expect(built.blocks).toHaveLength(20);
  expect(new Set(built.blocks.map((block) => block.id)).size).toBe(20);
  expect(built.blocks[9]).toMatchObject({ text: expect.stringMatching(/^we establish a respectful, minimal relationship/) });
  expect(await page.locator(".prose ol > li[data-block]").count()).toBe(5);

  // A comment makes the running site render the page again, which records its revision.
  await signInWithOidc(page, newUser("Passage Reader"), ESSAY);
  await page.getByLabel("Join the conversation").fill(`Blocks and revisions ${Date.now()}`);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page).toHaveURL(/#comment-\d+$/);
  await expect.poll(async () => (await blocksOnPage(page)).revision).toBe(built.revision);
  expect(await blocksOnPage(page)).toEqual(built);

  const db = new Database(process.env.E2E_DATABASE_FILE ?? "", { readonly: true });
  try {
    const row = db.prepare("select essay_path, blocks from essay_revisions where id = ?").get(built.revision) as { essay_path: string; blocks: string } | undefined;
    expect(row?.essay_path).toBe(ESSAY);
    const stored = JSON.parse(row?.blocks ?? "[]") as { id: string; text: string }[];
    expect(stored.map(({ id, text }) => ({ id, text }))).toEqual(built.blocks);
  } finally {
    db.close();
  }
});
