import { expect, newUser, OIDC_BUTTON, chooseOidcUser, test, waitForViewer } from "./harness/fixtures";

// Nothing is posted under a name the reader has not seen and accepted (issue #12, item 6;
// docs/decisions/030-choosing-a-public-name.md).
const ESSAY = "/leftlibertarian/08/23/because-killing-them-all-is-not-an-option";

test("a reader who has not accepted a name is refused, keeps the draft, and is linked to choose it", async ({ page }) => {
  const user = newUser("Undecided");
  await chooseOidcUser(page.context(), user);
  await page.goto(`/sign-in?callbackUrl=${encodeURIComponent(ESSAY)}`);
  await page.getByRole("button", { name: OIDC_BUTTON }).click();
  await expect(page.getByRole("heading", { level: 1, name: "Choose your name" })).toBeVisible();
  await page.getByRole("link", { name: "Not now" }).click();
  await expect(page).toHaveURL(ESSAY);
  await waitForViewer(page);

  const draft = `Said before choosing a name ${Date.now()}`;
  await page.getByLabel("Join the conversation").fill(draft);
  await page.getByRole("button", { name: "Post comment" }).click();
  const refusal = page.getByRole("alert").filter({ hasText: "choose the name other readers will see" });
  await expect(refusal).toBeVisible();
  await expect(page.getByLabel("Join the conversation")).toHaveValue(draft);
  expect(await (await page.request.get(ESSAY, { headers: { Cookie: "" } })).text()).not.toContain(draft);

  await refusal.getByRole("link", { name: "Choose your name" }).click();
  await expect(page.getByLabel("Display name")).toHaveValue(user.name);
  await page.getByLabel("Display name").fill("Decided at last");
  await page.getByRole("button", { name: "Use this name" }).click();
  await expect(page).toHaveURL(`${ESSAY}#comments`);

  await page.getByLabel("Join the conversation").fill(draft);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect(page).toHaveURL(/#comment-\d+$/);
  const id = page.url().split("#comment-")[1];
  await expect(page.locator(`#comment-${id} .comment-author`)).toHaveText("Decided at last");
});
