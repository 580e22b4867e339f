import AxeBuilder from "@axe-core/playwright";
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
    // A block's own text: without the "Respond" and "N responses" lines it may hold (a list item does).
    blocks: [...prose.querySelectorAll<HTMLElement>("[data-block]")].map((node) => {
      const own = node.cloneNode(true) as HTMLElement;
      for (const meta of own.querySelectorAll("[data-passage-meta], .heading-anchor")) meta.remove();
      return { id: node.dataset.block ?? "", text: own.textContent ?? "" };
    }),
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

test("a comment responding to a passage quotes it in the thread and links to it; a forged passage is refused and stores nothing", async ({ page, baseURL }) => {
  await page.goto(ESSAY);
  const { revision, blocks } = await blocksOnPage(page);
  const block = blocks[5]!;
  const exact = block.text.slice(block.text.indexOf("violent revolution"), block.text.indexOf("violent revolution") + "violent revolution is likely to come".length);
  expect(exact).toBe("violent revolution is likely to come");
  const start = block.text.indexOf(exact);
  await signInWithOidc(page, newUser("Passage Quoter"), ESSAY);
  const headers = { Origin: new URL(baseURL ?? "http://localhost").origin, "Sec-Fetch-Site": "same-origin" };
  const body = `Respond to this passage ${Date.now()}`;

  const forged = await page.request.post("/api/comments", { data: { essayPath: ESSAY, body, passage: { revisionId: revision, blockId: block.id, start, end: start + exact.length, exact: "peaceful revolution is sure to come" } }, headers });
  expect(forged.status()).toBe(400);
  expect(((await forged.json()) as { error: string }).error).toMatch(/not the essay's at that place/);

  const posted = await page.request.post("/api/comments", { data: { essayPath: ESSAY, body, passage: { revisionId: revision, blockId: block.id, start, end: start + exact.length, exact } }, headers });
  expect(posted.status()).toBe(201);
  const { id } = (await posted.json()) as { id: number };

  await expect.poll(async () => (await page.goto(ESSAY), await page.locator(`#comment-${id}`).count())).toBe(1);
  const comment = page.locator(`#comment-${id}`);
  await expect(comment.locator(".comment-passage blockquote")).toHaveText(exact);
  await expect(comment.getByRole("link", { name: "Responding to this passage of the essay" })).toHaveAttribute("href", `${ESSAY}#p-${block.id}:~:text=${encodeURIComponent(exact)}`);
  // The address's element id is the passage's block, for browsers without text fragments.
  await expect(page.locator(`#p-${block.id}`)).toHaveAttribute("data-block", block.id);
  // The forged attempt left no comment behind.
  await expect(page.locator(".comment", { hasText: body })).toHaveCount(1);
  const axe = await new AxeBuilder({ page }).include(`#comment-${id}`).analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);

  // The essay marks the passage in its static HTML, with "N responses" after its paragraph; the
  // block's text (what passages count offsets in) is unchanged; shading waits for the reader's toggle.
  const paragraph = page.locator(`[data-block="${block.id}"]`);
  await expect(paragraph.locator("mark.passage-mark")).toHaveText(exact);
  expect(await paragraph.textContent()).toBe(block.text);
  const responses = page.locator(`[data-block="${block.id}"] + .passage-responses > a`);
  await expect(responses).toHaveText(/^\d+ responses?$/);
  const mark = paragraph.locator("mark.passage-mark").first();
  const shade = () => mark.evaluate((node) => getComputedStyle(node).backgroundColor);
  expect(await shade()).toBe("rgba(0, 0, 0, 0)");
  await page.getByLabel(/^Show passages/).check();
  expect(await shade()).not.toBe("rgba(0, 0, 0, 0)");
  const essayAxe = await new AxeBuilder({ page }).include(".prose").analyze();
  expect(essayAxe.violations.map((violation) => violation.id)).toEqual([]);
  await responses.click();
  await expect(page).toHaveURL(new RegExp(`#comment-${id}$`));
});
