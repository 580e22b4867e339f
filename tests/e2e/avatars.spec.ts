import type { Locator, Page } from "@playwright/test";
import { avatarColours } from "../../components/auth/avatar-colour";
import { accountMenu, expect, newUser, signInWithOidc, test, waitForViewer } from "./harness/fixtures";

// Issue #12 item 11: every reader without a picture gets a colour of their own, the same on every
// page, chosen from their user id (never the e-mail), readable in both themes (decision 032).
const ESSAY = "/leftlibertarian/08/23/because-killing-them-all-is-not-an-option";

type Look = { background: string; color: string; contrast: number };

/** The avatar's colours as the browser paints them, and the WCAG contrast of its letter. */
function look(avatar: Locator): Promise<Look> {
  return avatar.evaluate((el) => {
    const style = getComputedStyle(el);
    const channels = (css: string) => {
      // Computed colours are rgb(); light-dark() and custom properties are resolved by now.
      const probe = document.createElement("span");
      probe.style.color = css;
      document.body.append(probe);
      const [r, g, b] = (getComputedStyle(probe).color.match(/[\d.]+/g) ?? []).map(Number);
      probe.remove();
      return [r ?? 0, g ?? 0, b ?? 0];
    };
    const luminance = (css: string) => {
      const [r, g, b] = channels(css).map((v) => {
        const c = v / 255;
        return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
      });
      return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
    };
    const [light, dark] = [luminance(style.backgroundColor), luminance(style.color)].sort((a, b) => b - a);
    return { background: style.backgroundColor, color: style.color, contrast: (light! + 0.05) / (dark! + 0.05) };
  });
}

const rgb = (hex: string) => {
  const n = Number.parseInt(hex.slice(1), 16);
  return `rgb(${(n >> 16) & 255}, ${(n >> 8) & 255}, ${n & 255})`;
};

async function signInAndPost(page: Page, name: string) {
  const user = { ...newUser(), name };
  await signInWithOidc(page, user, ESSAY);
  const me = (await (await page.request.get("/api/me")).json()) as { id: string };
  await page.getByLabel("Join the conversation").fill(`${name} was here, ${user.sub}.`);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page).toHaveURL(/#comment-\d+$/);
  return { id: me.id, commentId: Number(page.url().split("#comment-")[1]), threadPath: new URL(page.url()).pathname };
}

test("readers with the same name get the colour of their own user id, the same in the header and the thread, readable in both themes", async ({ browser }) => {
  test.setTimeout(90_000);
  // Three readers called the same: a colour from the name (or from nothing) would make them alike.
  const readers = [];
  for (let i = 0; i < 3; i += 1) {
    const context = await browser.newContext();
    const page = await context.newPage();
    readers.push({ context, page, ...(await signInAndPost(page, "Sam Same")) });
  }
  const last = readers.at(-1)!;
  await last.page.goto(last.threadPath);
  await waitForViewer(last.page);

  for (const colorScheme of ["light", "dark"] as const) {
    await last.page.emulateMedia({ colorScheme });
    for (const reader of readers) {
      const expected = avatarColours(reader.id);
      const avatar = last.page.locator(`#comment-${reader.commentId} .avatar-initial`);
      await expect(avatar).toHaveText("S");
      const seen = await look(avatar);
      expect(seen.background, `reader ${reader.id} in ${colorScheme}`).toBe(rgb(expected[colorScheme].background));
      expect(seen.contrast).toBeGreaterThanOrEqual(4.5);
    }
    // The reader's own avatar in the header is the one beside their comment.
    const own = await look(accountMenu(last.page).locator(".avatar-initial"));
    expect(own.background).toBe(rgb(avatarColours(last.id)[colorScheme].background));
  }
  // The theme button (not only the system setting) switches them too.
  await last.page.emulateMedia({ colorScheme: "light" });
  await last.page.getByRole("banner").getByRole("button", { name: "Switch to dark theme" }).click();
  const switched = await look(last.page.locator(`#comment-${last.commentId} .avatar-initial`));
  expect(switched.background).toBe(rgb(avatarColours(last.id).dark.background));
  for (const reader of readers) await reader.context.close();
});
