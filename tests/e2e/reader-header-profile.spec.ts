import AxeBuilder from "@axe-core/playwright";
import type { Locator, Page } from "@playwright/test";
import { accountMenu, expect, expectSignedInAs, newUser, signInWithOidc, test } from "./harness/fixtures";

// Issue #12 item 11: the signed-in header on a phone, the delete-account choice on the profile,
// and the header after a new name is saved.
const ESSAY = "/leftlibertarian/08/23/because-killing-them-all-is-not-an-option";

const axeViolations = async (page: Page) =>
  (await new AxeBuilder({ page }).analyze()).violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(" ")).join(", ")}`);
const middle = async (locator: Locator) => {
  const box = await locator.boundingBox();
  expect(box, "on screen").toBeTruthy();
  return box!.y + box!.height / 2;
};

test("at 390 px wide the signed-in header keeps the theme button on the line of the account menu", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  // A long public name (50 characters is the most a reader may choose).
  const user = { ...newUser(), name: "Maximiliana Featherstonehaugh-Wolfeschlegelstein" };
  await signInWithOidc(page, user, ESSAY);
  const banner = page.getByRole("banner");
  const summary = accountMenu(page).locator("summary");
  const theme = banner.getByRole("button", { name: /Switch to (light|dark) theme/ });
  await expect(theme).toBeVisible();
  expect(Math.abs((await middle(theme)) - (await middle(summary)))).toBeLessThan(6);
  expect(Math.abs((await middle(banner.getByRole("link", { name: "Essays" }))) - (await middle(theme)))).toBeLessThan(6);
  // Nothing runs off the side, and the menu still names the reader.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await expectSignedInAs(page, user.name);
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await axeViolations(page)).toEqual([]);
  }
});

test("the delete-account choice is a styled, labelled group of radios that the keyboard reaches with a visible focus ring", async ({ page }) => {
  await signInWithOidc(page, newUser("Leaving"), "/profile");
  const group = page.getByRole("group", { name: "Your comments" });
  await expect(group).toBeVisible();
  const keep = group.getByRole("radio", { name: /^Keep them in their conversations/ });
  const erase = group.getByRole("radio", { name: /^Delete them too/ });
  await expect(keep).toBeChecked();
  // Each choice carries its own explanation, read with it.
  await expect(erase).toHaveAccessibleDescription(/“deleted” marker keeps the replies in place/);

  // Not the browser's default grooved box; the radios take the site's accent.
  const look = await group.evaluate((el) => {
    const style = getComputedStyle(el);
    return { border: style.borderTopStyle, radio: getComputedStyle(el.querySelector("input")!).accentColor };
  });
  expect(look.border).not.toBe("groove");
  expect(look.radio).not.toBe("auto");

  // Keyboard: arrows move the choice, and the focused radio shows the site's focus ring.
  await keep.focus();
  await page.keyboard.press("ArrowDown");
  await expect(erase).toBeFocused();
  await expect(erase).toBeChecked();
  const ring = await erase.evaluate((el) => {
    const style = getComputedStyle(el);
    return { style: style.outlineStyle, width: parseFloat(style.outlineWidth) };
  });
  expect(ring.style).toBe("solid");
  expect(ring.width).toBeGreaterThanOrEqual(2);
  for (const colorScheme of ["light", "dark"] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await axeViolations(page)).toEqual([]);
  }
});

test("after a new name is saved on the profile, the header shows it at once and on the next page", async ({ page }) => {
  const user = newUser("Renamed");
  await signInWithOidc(page, user, "/profile");
  const renamed = `Newly ${user.name}`;
  await page.getByLabel("Display name").fill(renamed);
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("status")).toContainText(`Readers now see you as “${renamed}”`);
  await expectSignedInAs(page, renamed);
  await expect(accountMenu(page).locator(".avatar-initial")).toHaveText("N");
  // A client-side navigation keeps it (no stale copy comes back).
  await accountMenu(page).locator("summary").click();
  await accountMenu(page).getByRole("link", { name: "Your profile" }).click();
  await expectSignedInAs(page, renamed);
  await page.getByRole("banner").getByRole("link", { name: "Essays" }).click();
  await expect(page).toHaveURL("/");
  await expectSignedInAs(page, renamed);
});

test("after a rename, the reader's earlier comments show the new name to every reader", async ({ page }) => {
  const user = newUser("Formerly");
  await signInWithOidc(page, user, ESSAY);
  const text = `Said under my old name ${Date.now()}`;
  await page.getByLabel("Join the conversation").fill(text);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page).toHaveURL(/#comment-\d+$/);
  const id = page.url().split("#comment-")[1];
  await expect(page.locator(`#comment-${id} .comment-author`)).toHaveText(user.name);

  await page.goto("/profile");
  const renamed = `Lately ${user.name}`;
  await page.getByLabel("Display name").fill(renamed);
  await page.getByRole("button", { name: "Save name" }).click();
  await expect(page.getByRole("status")).toContainText(`Readers now see you as “${renamed}”`);

  // The cached thread was refreshed: a reader with no cookies gets the new name on the old comment.
  const html = await (await page.request.get(ESSAY, { headers: { Cookie: "" } })).text();
  const article = html.split(`id="comment-${id}"`)[1]?.split("</article>")[0] ?? "";
  expect(article).toContain(renamed);
  await page.goto(ESSAY);
  await expect(page.locator(`#comment-${id} .comment-author`)).toHaveText(renamed);
});
