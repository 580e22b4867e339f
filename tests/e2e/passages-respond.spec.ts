import AxeBuilder from "@axe-core/playwright";
import type { Browser, Page } from "@playwright/test";
import { expect, newUser, signInWithOidc, test } from "./harness/fixtures";

// Responding to a passage (issue 15): with JavaScript a selection in the essay offers "Respond to
// this passage", reachable with Tab; without, each paragraph's "Respond" link opens a page where the
// reader ticks sentences. Both end with the comment quoting the passage and the essay marking it.
const ESSAY = "/leftlibertarian/08/23/because-killing-them-all-is-not-an-option";

/** Selects `words` inside the block at `index` of the essay (0-based), as a reader's drag would. */
async function selectWords(page: Page, index: number, words: string, untilBlock?: number) {
  await page.locator(".prose").evaluate(
    (prose, { index, words, untilBlock }) => {
      const blocks = prose.querySelectorAll("[data-block]");
      const within = (block: Element, from: number, length: number) => {
        const walker = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
        let offset = 0;
        const points: [Node, number][] = [];
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          const text = node as Text;
          for (const target of [from, from + length]) if (points.length < 2 && target >= offset && target <= offset + text.length && !(points.length === 1 && target === from)) points.push([text, target - offset]);
          offset += text.length;
        }
        return points;
      };
      const block = blocks[index]!;
      const at = (block.textContent ?? "").indexOf(words);
      if (at < 0) throw new Error(`"${words}" is not in block ${index}`);
      const [start, end] = within(block, at, words.length);
      const range = document.createRange();
      range.setStart(...start!);
      if (untilBlock === undefined) range.setEnd(...end!);
      else range.setEnd(blocks[untilBlock]!, 1);
      const selection = document.getSelection()!;
      selection.removeAllRanges();
      selection.addRange(range);
    },
    { index, words, untilBlock },
  );
}

async function plainReader(browser: Browser, name: string) {
  const signing = await browser.newContext();
  await signInWithOidc(await signing.newPage(), newUser(name), ESSAY);
  const context = await browser.newContext({ javaScriptEnabled: false, storageState: await signing.storageState() });
  await signing.close();
  return context.newPage();
}

test("with JavaScript: select a passage, reach “Respond to this passage” with Tab, post, and see it quoted and marked", async ({ page }) => {
  await signInWithOidc(page, newUser("Selecting Reader"), ESSAY);
  await page.goto(ESSAY);
  const words = "outreach and education as much as possible";
  await selectWords(page, 6, words);
  const control = page.getByRole("link", { name: "Respond to this passage" });
  await expect(control).toBeVisible();
  // The keyboard: the Tab after the selection lands on the control; Escape dismisses it.
  await page.keyboard.press("Tab");
  await expect(control).toBeFocused();
  await page.keyboard.press("Enter");
  await expect(page).toHaveURL(/\/respond\?block=b/);
  await expect(page.locator(".respond-to-passage .comment-passage blockquote")).toHaveText(words);
  const axe = await new AxeBuilder({ page }).analyze();
  expect(axe.violations.map((violation) => violation.id)).toEqual([]);
  const body = `A precise answer ${Date.now()}`;
  await page.getByLabel("Your response to this passage").fill(body);
  await page.getByRole("button", { name: "Post response" }).click();
  await expect(page).toHaveURL(/#comment-\d+$/);
  const id = Number(new URL(page.url()).hash.replace("#comment-", ""));
  const comment = page.locator(`#comment-${id}`);
  await expect(comment).toContainText(body);
  await expect(comment.locator(".comment-passage blockquote")).toHaveText(words);
  await page.goto(ESSAY);
  await expect(page.locator(`[data-block] mark.passage-mark`, { hasText: "outreach and education" }).first()).toBeAttached();

  // A selection that runs into the next paragraph ends with the one it started in, and says so.
  await selectWords(page, 2, "The same beliefs", 3);
  await control.click();
  await expect(page.locator(".respond-to-passage figcaption")).toContainText("a response answers one paragraph");
  // Escape takes the control away without choosing.
  await page.goto(ESSAY);
  await selectWords(page, 6, words);
  await expect(control).toBeVisible();
  await page.keyboard.press("Escape");
  await expect(control).toHaveCount(0);
});

test("without JavaScript: a paragraph's “Respond” link, sentences ticked on a page of its own; refusals say why and keep the choice", async ({ browser }) => {
  const page = await plainReader(browser, "Plain Responder");
  await page.goto(ESSAY);
  const block = await page.locator("[data-block]").nth(4).getAttribute("data-block");
  const respond = page.locator(`[data-block="${block}"] + [data-passage-meta] a`, { hasText: /^Respond$/ });
  // Hidden (and out of the tab order) until the reader turns the passages on.
  await expect(respond).toBeHidden();
  await page.getByLabel(/^Show passages/).check();
  await expect(respond).toBeVisible();
  await respond.click();
  await expect(page).toHaveURL(/\/respond\?block=b/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Respond to a passage");

  // Nothing ticked: a message, and the sentences are still there to tick.
  await page.getByRole("button", { name: "Choose this passage" }).click();
  await expect(page.getByRole("alert")).toHaveText("Tick at least one of the paragraph’s sentences.");
  const boxes = page.locator(".passage-sentence");
  expect(await boxes.count()).toBeGreaterThan(2);
  const second = (await boxes.nth(1).textContent())!.trim();
  const third = (await boxes.nth(2).textContent())!.trim();
  await boxes.nth(1).getByRole("checkbox").check();
  await boxes.nth(2).getByRole("checkbox").check();
  await page.getByRole("button", { name: "Choose this passage" }).click();
  await expect(page.locator(".respond-to-passage blockquote")).toHaveText(`${second} ${third}`);
  await expect(boxes.nth(1).getByRole("checkbox")).toBeChecked();
  await expect(boxes.nth(0).getByRole("checkbox")).not.toBeChecked();

  const body = `Two sentences answered ${Date.now()}`;
  await page.getByLabel("Your response to this passage").fill(body);
  await page.getByRole("button", { name: "Post response" }).click();
  await expect(page).toHaveURL(/#comment-\d+$/);
  const id = Number(new URL(page.url()).hash.replace("#comment-", ""));
  await expect(page.locator(`#comment-${id} .comment-passage blockquote`)).toHaveText(`${second} ${third}`);

  // A link from an older version of the essay, or a made-up block: told so, nothing posted.
  await page.goto(`${ESSAY}/respond?block=bnope`);
  await expect(page.getByRole("alert")).toContainText("not in the current version of the essay");
  await page.context().close();
});

test("signed out, the respond page asks to sign in and comes back to the same passage", async ({ page }) => {
  await page.goto(ESSAY);
  const block = await page.locator("[data-block]").nth(5).getAttribute("data-block");
  await page.goto(`${ESSAY}/respond?block=${block}&s=0`);
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=/);
  const user = newUser("Returning Responder");
  await signInWithOidc(page, user, new URL(page.url()).searchParams.get("callbackUrl") ?? "/");
  await expect(page).toHaveURL(new RegExp(`/respond\\?block=${block}&s=0$`));
  await expect(page.locator(".respond-to-passage blockquote")).toBeVisible();
});
