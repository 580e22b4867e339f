import { expect, test } from "@playwright/test";
import { siteConfig } from "../../site.config";

/** One kind of unknown address each: the reader must meet the same 404 page on all of them. */
const UNKNOWN_ADDRESSES = {
  "unknown essay": "/leftlibertarian/08/23/no-such-essay",
  "unknown tag": "/tags/nope",
  "page number past the end": "/page/2",
  "page number far past the end": "/page/999",
  "unknown category": "/no-such-category",
  "random path": "/this/is/not/a/page",
  "thread page of an unknown essay": "/leftlibertarian/08/23/no-such-essay/comments/2",
  "unknown comment": "/comments/2147483647",
};

const NOT_FOUND_TITLE = `Page not found · ${siteConfig.title}`;

for (const [kind, address] of Object.entries(UNKNOWN_ADDRESSES)) {
  test(`${kind} (${address}) gets the one 404 page, without console errors`, async ({ page }) => {
    const errors: string[] = [];
    page.on("console", (message) => {
      if (message.type() === "error") errors.push(`console: ${message.text()}`);
    });
    page.on("pageerror", (error) => errors.push(`page error: ${error.message}`));

    const response = await page.goto(address);
    expect(response?.status()).toBe(404);
    await expect(page).toHaveTitle(NOT_FOUND_TITLE);
    await expect(page.getByRole("heading", { level: 1, name: "This page does not exist" })).toBeVisible();
    await expect(page.getByRole("link", { name: "The archive of every essay" })).toHaveAttribute("href", "/archive");
    // Hydration (where error #418 was logged) is done once the page's scripts have loaded and run.
    await page.waitForLoadState("networkidle");
    await expect(page).toHaveTitle(NOT_FOUND_TITLE);
    // The browser itself logs the 404 response of the document; that is the status, not an error of the page.
    expect(errors.filter((error) => !/Failed to load resource: the server responded with a status of 404/.test(error))).toEqual([]);
  });
}

test("suggestions on the 404 page appear after hydration, from the address the reader typed", async ({ page }) => {
  const errors: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error" && !/status of 404/.test(message.text())) errors.push(message.text());
  });
  page.on("pageerror", (error) => errors.push(error.message));
  await page.goto("/tags/because-killing");
  await expect(
    page.getByRole("region", { name: "Were you looking for…" }).getByRole("link", { name: "Because Killing Them All is Not an Option" }),
  ).toBeVisible();
  await page.waitForLoadState("networkidle");
  expect(errors).toEqual([]);
});
