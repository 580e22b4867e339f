import type { APIRequestContext, Browser, BrowserContext, Locator, Page } from "@playwright/test";
import { accountMenu, expect, expectSignedInAs, newUser, signInWithOidc, test } from "./harness/fixtures";
import { XSS_PAYLOADS, type XssPayload } from "./harness/payloads";
import type { OidcUser } from "../support/oidc-server";

// Attacks on the comment feature, each made the way an attacker would make it: hostile text
// typed into the real form, server actions called with forged fields, requests replayed from
// another origin. Every check names what it protects, so a failure says which protection broke.

// An essay of its own: a hundred hostile comments must not crowd the threads other specs count.
const ESSAY = "/fixtures/08/01/a-testing-ground";
const EVIL_ORIGIN = "https://evil.example";

const RUN = `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;
let serial = 0;
/** Letters and digits ending in "z": never a substring of another marker (n1z vs n10z). */
const marker = (label: string) => `${label}${RUN}n${++serial}z`;
const commentWith = (page: Page, text: string) => page.locator("article.comment").filter({ hasText: text });
/** What the server stores: NUL dropped, whitespace as HTML shows it. */
const normalise = (text: string) => text.replaceAll("\u0000", "").replace(/\s+/g, " ").trim();

// ---------------------------------------------------------------------------------------------
// Helpers
// ---------------------------------------------------------------------------------------------

type Reader = { user: OidcUser; context: BrowserContext; page: Page; id: string };

/** A reader signed in through the real OpenID Connect flow, in a browser context of their own. */
async function signedInReader(browser: Browser, name: string): Promise<Reader> {
  const context = await browser.newContext();
  const page = await context.newPage();
  const user = newUser(name);
  await signInWithOidc(page, user, ESSAY);
  const me = (await (await page.request.get("/api/me")).json()) as { id: string };
  return { user, context, page, id: me.id };
}

/** The header names the reader once the client has hydrated and asked /api/me. */
async function hydratedAs(page: Page, user: OidcUser) {
  await expectSignedInAs(page, user.name);
}

async function apiPost(request: APIRequestContext, data: Record<string, unknown>, headers: Record<string, string> = {}) {
  const response = await request.post("/api/comments", { data, headers });
  const json = (await response.json().catch(() => ({}))) as { id?: number; url?: string; error?: string; fields?: Record<string, string> };
  return { status: response.status(), json };
}

/**
 * Posts through the "Join the conversation" form (JavaScript on) and returns the new comment's id,
 * read from the permalink the action redirects to (not from the rendered comment, whose checks
 * come later, all at once, naming each payload that failed them).
 */
async function postThroughForm(page: Page, body: string, label: string): Promise<number> {
  const before = page.url();
  await page.getByLabel("Join the conversation").fill(body);
  await page.getByRole("button", { name: "Post comment" }).click();
  await expect.poll(() => page.url(), { message: `${label}: the form leads to the new comment` }).not.toBe(before);
  await expect(page, `${label}: the form leads to the new comment`).toHaveURL(new RegExp(`^[^#]*${ESSAY}#comment-\\d+$`));
  return Number(page.url().split("#comment-")[1]);
}

/** The number the thread's heading shows ("Comments" when there are none). */
async function shownCount(page: Page): Promise<number> {
  const text = (await page.locator("#comments-title").textContent()) ?? "";
  return Number(text.match(/^(\d+) comments?$/)?.[1] ?? (text === "Comments" ? 0 : NaN));
}

/** Replaces a hidden input's value as someone editing the page's HTML would. */
async function forgeHiddenInput(form: Locator, name: string, value: string | number) {
  const input = form.locator(`input[type="hidden"][name="${name}"]`);
  await input.evaluate((element, forged) => ((element as HTMLInputElement).value = forged), String(value));
  await expect(input).toHaveValue(String(value));
}

// ---------------------------------------------------------------------------------------------
// What a page may contain (evaluated in the browser: self-contained)
// ---------------------------------------------------------------------------------------------

/** Elements that run script, load content or take focus: their number must not grow. */
const INJECTABLE_TAGS = [
  "script", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math", "img", "image", "picture",
  "video", "audio", "source", "track", "style", "link", "meta", "base", "form", "input", "textarea", "select",
  "details", "marquee", "template", "noscript", "portal", "xss",
];

type PageReport = {
  /** Everything inside a comment body outside the allow-list. */
  violations: string[];
  /** Normalised text of the comment body holding each marker; null when no comment holds it. */
  texts: Record<string, string | null>;
  /** How many comments hold each marker. */
  holders: Record<string, number>;
  counts: Record<string, number>;
  trapCalls: string[];
};

function inspectPage({ markers, tags }: { markers: string[]; tags: string[] }): PageReport {
  const allowedTags = new Set(["P", "BR", "EM", "STRONG", "CODE", "PRE", "BLOCKQUOTE", "UL", "OL", "LI", "A"]);
  const allowedAttributes: Record<string, string[]> = { A: ["href", "rel"], OL: ["start"] };
  const violations: string[] = [];
  for (const body of document.querySelectorAll(".comment-body")) {
    const where = body.closest("article")?.id ?? "a comment body outside any comment";
    for (const element of body.querySelectorAll("*")) {
      const tag = element.tagName;
      if (!allowedTags.has(tag)) violations.push(`${where}: element <${tag.toLowerCase()}> is not allowed`);
      for (const attribute of element.attributes) {
        if (!(allowedAttributes[tag] ?? []).includes(attribute.name)) {
          violations.push(`${where}: attribute ${attribute.name}="${attribute.value}" on <${tag.toLowerCase()}> is not allowed`);
        }
      }
      if (tag === "OL" && element.hasAttribute("start") && !/^\d+$/.test(element.getAttribute("start") ?? "")) {
        violations.push(`${where}: <ol start="${element.getAttribute("start")}">`);
      }
      if (element instanceof HTMLAnchorElement) {
        const rel = (element.getAttribute("rel") ?? "").split(/\s+/);
        if (!rel.includes("noopener") || !rel.includes("nofollow")) violations.push(`${where}: link without rel="nofollow … noopener"`);
        if (element.hasAttribute("href")) {
          const raw = element.getAttribute("href") ?? "";
          // What a browser's URL parser ignores (controls, whitespace) cannot hide a scheme here.
          const squashed = raw.replace(/[\u0000-\u0020\u007f-\u00a0\u1680\u2000-\u200f\u2028\u2029\u202f\u205f\u3000\ufeff]/g, "").toLowerCase();
          if (/^(javascript|vbscript|data|livescript|mocha):/.test(squashed)) violations.push(`${where}: href="${raw}" has a script scheme`);
          if (!["http:", "https:", "mailto:"].includes(element.protocol)) violations.push(`${where}: href="${raw}" resolves to ${element.protocol}`);
        }
      }
    }
  }
  // Every comment's vote block holds only the app's controls: an allow-list like the body's, its
  // buttons all submit the page's one vote form, and that form holds only the fields the vote route reads.
  const voteTags = new Set(["DIV", "P", "SPAN", "BUTTON", "DETAILS", "SUMMARY"]);
  for (const block of document.querySelectorAll(".comment-votes")) {
    const where = block.closest("article")?.id ?? "a vote block outside any comment";
    for (const element of block.querySelectorAll("*")) {
      if (!voteTags.has(element.tagName)) violations.push(`${where}: vote block holds <${element.tagName.toLowerCase()}>`);
      if (element instanceof HTMLButtonElement && (element.getAttribute("form") !== "vote-form" || element.name !== "vote" || element.type !== "submit")) {
        violations.push(`${where}: vote button submits form="${element.getAttribute("form")}" name="${element.name}" type="${element.type}"`);
      }
    }
  }
  const voteForms = document.querySelectorAll("form#vote-form");
  if (document.querySelectorAll(".comment-votes button").length > 0 && voteForms.length !== 1) violations.push(`${voteForms.length} vote forms on the page, not one`);
  for (const form of voteForms) {
    if (form.getAttribute("action") !== "/api/comments/votes") violations.push(`the vote form posts to ${form.getAttribute("action")}`);
    const fields = [...form.querySelectorAll("*")].map((element) => (element instanceof HTMLInputElement && element.type === "hidden" ? element.name : `<${element.tagName.toLowerCase()}>`));
    if (fields.join(" ") !== "essayPath returnTo") violations.push(`the vote form holds ${fields.join(" ")}`);
  }
  const texts: Record<string, string | null> = {};
  const holders: Record<string, number> = {};
  const articles = [...document.querySelectorAll("article.comment")];
  for (const marker of markers) {
    const holding = articles.filter((article) => (article.textContent ?? "").includes(marker));
    holders[marker] = holding.length;
    const body = holding[0]?.querySelector(".comment-body");
    texts[marker] = body ? (body.textContent ?? "").replaceAll("\u0000", "").replace(/\s+/g, " ").trim() : null;
  }
  const counts: Record<string, number> = {};
  for (const tag of tags) {
    counts[tag] = [...document.getElementsByTagName(tag)].filter((element) => {
      // The app's own Edit/Delete for readers without JavaScript (decision 033): one marked
      // <noscript> per comment, outside its body (a body's markup is checked above).
      if (tag === "noscript") return !(element.hasAttribute("data-own-links") && !element.closest(".comment-body"));
      // The app's own vote controls (decision 038): one block per comment, outside its body, and
      // the page's one vote form. Both are checked above to hold exactly the app's controls.
      if (element.closest(".comment-votes") && !element.closest(".comment-body")) return false;
      if (element.closest("form#vote-form") && !element.closest(".comment-body")) return false;
      if (tag !== "script") return true;
      // The framework's own: bundles it loads (also after hydration) and the inline RSC payload chunks.
      const src = element.getAttribute("src");
      if (src) return !src.startsWith("/_next/static/");
      return !/^\(?self\.__next_f/.test((element.textContent ?? "").trim());
    }).length;
  }
  const trapCalls = ((window as unknown as { __xssCalls?: string[] }).__xssCalls ?? []).slice();
  return { violations, texts, holders, counts, trapCalls };
}

/**
 * Window-level traps: any call of alert/confirm/prompt/print in the page is recorded instead of
 * shown, in sessionStorage too, so a call made on an earlier load of the tab (while posting) is
 * still seen at the end.
 */
function installTraps() {
  // In a frame a call opens a real dialog, which the page's dialog listener reports.
  if (window !== window.top) return;
  const KEY = "__xssCalls";
  let calls: string[] = [];
  try {
    calls = JSON.parse(sessionStorage.getItem(KEY) ?? "[]") as string[];
  } catch {
    // An opaque origin (data: or sandboxed frame) has no storage: keep the calls in memory.
  }
  Object.defineProperty(window, KEY, { value: calls });
  for (const name of ["alert", "confirm", "prompt", "print"] as const) {
    const trap = (...args: unknown[]) => {
      calls.push(`${name}(${args.map(String).join(", ")}) at ${location.href}`);
      try {
        sessionStorage.setItem(KEY, JSON.stringify(calls));
      } catch {
        // As above.
      }
      return null;
    };
    Object.defineProperty(window, name, { value: trap, writable: false, configurable: false });
  }
}

/** Every dialog a page opens fails the test (collected, asserted at the end with the list). */
function watchDialogs(page: Page, into: string[]) {
  page.on("dialog", (dialog) => {
    into.push(`${dialog.type()} "${dialog.message()}" on ${page.url()}`);
    void dialog.dismiss().catch(() => undefined);
  });
}

async function settle(page: Page) {
  await page.waitForLoadState("load");
  // Injected images, frames and styles would be fetched (and fail, firing onerror) by now.
  await page.waitForLoadState("networkidle");
}

// ---------------------------------------------------------------------------------------------
// 1. Cross-site scripting through the comment form
// ---------------------------------------------------------------------------------------------

test(`XSS: ${XSS_PAYLOADS.length} filter-evasion payloads posted through the form stay inert text, with JavaScript on and off`, async ({ browser }) => {
  test.setTimeout(10 * 60_000);
  const dialogs: string[] = [];
  // The poster's own name is hostile too: it is shown beside every comment.
  const poster = newUser(`"><img src=x onerror=alert("name")>`);
  const context = await browser.newContext();
  await context.addInitScript(installTraps);
  const page = await context.newPage();
  watchDialogs(page, dialogs);
  await signInWithOidc(page, poster, ESSAY);

  const anonymous = await browser.newContext({ javaScriptEnabled: false });
  const plain = await anonymous.newPage();
  watchDialogs(plain, dialogs);

  // Baselines: the same page before any hostile comment, as each viewer sees it.
  await plain.goto(ESSAY);
  const plainBaseline = (await plain.evaluate(inspectPage, { markers: [], tags: INJECTABLE_TAGS })).counts;
  await page.reload();
  await hydratedAs(page, poster);
  await settle(page);
  const scriptedBaseline = (await page.evaluate(inspectPage, { markers: [], tags: INJECTABLE_TAGS })).counts;

  const posted: { payload: XssPayload; marker: string; id: number }[] = [];
  for (const payload of XSS_PAYLOADS) {
    const mark = marker("xss");
    const id = await postThroughForm(page, `${payload.payload}\n\n${mark}`, `"${payload.name}"`);
    posted.push({ payload, marker: mark, id });
  }
  const markers = posted.map((entry) => entry.marker);

  const nameById = new Map(posted.map((entry) => [entry.id, entry.payload.name]));
  /** Every problem on the page at once, each naming its payload, so one run shows them all. */
  const check = async (viewer: Page, label: string, baseline: Record<string, number>) => {
    const report = await viewer.evaluate(inspectPage, { markers, tags: INJECTABLE_TAGS });
    const problems = report.violations.map((violation) => violation.replace(/^comment-(\d+)/, (id, n) => `${id} ("${nameById.get(Number(n))}")`));
    for (const { payload, marker: mark, id } of posted) {
      if (report.holders[mark] !== 1) problems.push(`comment-${id} ("${payload.name}") is shown ${report.holders[mark]} times, not once`);
      else if (!payload.markdown && report.texts[mark] !== normalise(`${payload.payload} ${mark}`)) {
        problems.push(`comment-${id} ("${payload.name}") reads back as ${JSON.stringify(report.texts[mark])}, not as the text typed`);
      }
    }
    for (const tag of INJECTABLE_TAGS) {
      if (report.counts[tag] !== baseline[tag]) problems.push(`the page has ${report.counts[tag]} <${tag}> elements; without these comments it has ${baseline[tag]}`);
    }
    problems.push(...report.trapCalls.map((call) => `${call} was called`));
    expect(problems, `${label}: only allowed elements, attributes and URLs, the text as typed, nothing injected, nothing run`).toEqual([]);
    await expect(viewer).toHaveURL(new RegExp(`${ESSAY}(#.*)?$`));
  };

  // JavaScript on: a fresh load, hydrated, every comment hovered (mouseover handlers). A page
  // that no longer hydrates is noted, and the check below still says why.
  await page.goto(ESSAY);
  await expect.soft(accountMenu(page).locator("summary"), "the page still hydrates").toHaveAccessibleName(`${poster.name} (account menu)`);
  await settle(page);
  for (const { id } of posted) {
    const body = page.locator(`#comment-${id} .comment-body`);
    // Only a trigger for handlers; a missing comment is reported by the check.
    if ((await body.count()) === 1) await body.hover({ timeout: 5_000 }).catch(() => undefined);
  }
  await check(page, "JavaScript on", scriptedBaseline);

  // JavaScript off: the static HTML as a reader without scripts (and any crawler) gets it.
  await plain.goto(ESSAY);
  await settle(plain);
  await check(plain, "JavaScript off", plainBaseline);

  // The preview is the same renderer, shown by the client: every Markdown trick at once.
  await page.goto(ESSAY);
  await hydratedAs(page, poster);
  const tricks = XSS_PAYLOADS.filter((payload) => payload.markdown).map((payload) => payload.payload);
  await page.getByLabel("Join the conversation").fill(tricks.join("\n\n"));
  await page.getByRole("button", { name: "Preview" }).click();
  await expect(page.getByRole("region", { name: "Preview" }).locator("a").first()).toBeAttached();
  const preview = await page.evaluate(inspectPage, { markers: [], tags: [] });
  expect([...preview.violations, ...preview.trapCalls], "the preview of every Markdown trick").toEqual([]);

  // The edit page puts the stored Markdown back into a <textarea>: breaking out of it or of an
  // attribute must not work there either.
  for (const name of ["textarea breakout into script", "attribute breakout into script", "attribute-context breakout, double quote", "script tag"]) {
    const entry = posted.find((candidate) => candidate.payload.name === name)!;
    await page.goto(`/comments/${entry.id}/edit`);
    await settle(page);
    await expect(page.getByLabel("Your comment"), `edit page of "${name}"`).toHaveValue(`${entry.payload.payload.replaceAll("\u0000", "")}\n\n${entry.marker}`);
    const report = await page.evaluate(inspectPage, { markers: [], tags: ["textarea", "iframe", "img", "svg"] });
    expect(report.counts, `edit page of "${name}": nothing injected`).toEqual({ textarea: 1, iframe: 0, img: 0, svg: scriptedBaseline.svg });
    expect(report.trapCalls).toEqual([]);
  }

  expect(dialogs, "no dialog ever opened").toEqual([]);
  await context.close();
  await anonymous.close();
});

// ---------------------------------------------------------------------------------------------
// 2. Authorization: actions called with forged input
// ---------------------------------------------------------------------------------------------

test.describe("authorization with forged input", () => {
  let a: Reader;
  let b: Reader;
  let textA: string;
  let idA: number;
  let idB: number;
  let textB: string;

  test.beforeEach(async ({ browser }) => {
    a = await signedInReader(browser, "Alice");
    b = await signedInReader(browser, "Bruno");
    textA = `Alice's words, not to be touched. ${marker("a")}`;
    textB = `Bruno's own comment. ${marker("b")}`;
    const postedA = await apiPost(a.page.request, { essayPath: ESSAY, body: textA });
    const postedB = await apiPost(b.page.request, { essayPath: ESSAY, body: textB });
    expect([postedA.status, postedB.status]).toEqual([201, 201]);
    idA = postedA.json.id!;
    idB = postedB.json.id!;
  });

  test.afterEach(async () => {
    await a.context.close();
    await b.context.close();
  });

  /** A's comment as everyone sees it, and its source as A gets it: unchanged and not deleted. */
  async function expectAUntouched() {
    const reader = await b.context.browser()!.newContext({ javaScriptEnabled: false });
    const page = await reader.newPage();
    await page.goto(ESSAY);
    await expect(page.locator(`#comment-${idA} .comment-body`)).toHaveText(textA);
    await expect(page.locator(`#comment-${idA} .comment-author`)).toHaveText(a.user.name);
    await expect(page.locator(`#comment-${idA} .comment-edited`)).toHaveCount(0);
    await expect(page.locator(`#comment-${idB} .comment-body`)).toHaveText(textB);
    await reader.close();
    const source = await a.page.request.get(`/api/comments/${idA}/source`);
    expect(source.status(), "A's comment is not deleted").toBe(200);
    expect((await source.json()).body).toBe(textA);
  }

  for (const javaScript of [true, false]) {
    const how = javaScript ? "JavaScript on" : "JavaScript off";

    test(`B's edit form, its commentId rewritten to A's comment, is refused (${how})`, async ({ browser }) => {
      const context = javaScript ? b.context : await browser.newContext({ javaScriptEnabled: false, storageState: await b.context.storageState() });
      const page = javaScript ? b.page : await context.newPage();
      await page.goto(`/comments/${idB}/edit`);
      if (javaScript) await hydratedAs(page, b.user);
      const form = page.locator("form.comment-form");
      await expect(form.getByLabel("Your comment")).toHaveValue(textB);
      await forgeHiddenInput(form, "commentId", idA);
      await form.getByLabel("Your comment").fill(`Hijacked by Bruno ${marker("hijack")}`);
      await form.getByRole("button", { name: "Save changes" }).click();
      await expect(page.locator("form.comment-form").getByRole("alert")).toHaveText("Only its author can change a comment.");
      await expectAUntouched();
      if (!javaScript) await context.close();
    });

    test(`B's delete form, its commentId rewritten to A's comment, is refused (${how})`, async ({ browser }) => {
      const context = javaScript ? b.context : await browser.newContext({ javaScriptEnabled: false, storageState: await b.context.storageState() });
      const page = javaScript ? b.page : await context.newPage();
      await page.goto(`/comments/${idB}/delete`);
      if (javaScript) await hydratedAs(page, b.user);
      const form = page.locator("form.delete-form");
      await forgeHiddenInput(form, "commentId", idA);
      await form.getByRole("button", { name: "Delete comment" }).click();
      await expect(page.locator("form.delete-form").getByRole("alert")).toHaveText("Only its author can change a comment.");
      await expectAUntouched();
      if (!javaScript) await context.close();
    });
  }

  test("B cannot read A's Markdown source, nor open A's edit and delete pages", async () => {
    const response = await b.page.request.get(`/api/comments/${idA}/source`);
    expect(response.status()).toBe(403);
    const json = await response.json();
    expect(json).toEqual({ error: "Only its author can edit a comment." });
    expect(JSON.stringify(json)).not.toContain(textA);
    // The pages answer like a missing comment.
    for (const action of ["edit", "delete"]) {
      const page = await b.page.request.get(`/comments/${idA}/${action}`);
      expect(page.status(), `/comments/${idA}/${action} as B`).toBe(404);
    }
    // …while A still gets it.
    expect((await a.page.request.get(`/api/comments/${idA}/source`)).status()).toBe(200);
  });

  test("a reply whose parentId points at another essay, or at nothing, is refused with a message", async () => {
    // A comment under another essay that takes comments (found through the sitemap).
    const sitemap = await (await b.page.request.get("/sitemap.xml")).text();
    const essays = [...sitemap.matchAll(/<loc>[^<]*?(\/[^/<]+\/\d{2}\/\d{2}\/[^/<]+)<\/loc>/g)].map((match) => match[1]!).filter((path) => path !== ESSAY);
    let foreignId: number | undefined;
    for (const path of essays) {
      const posted = await apiPost(b.page.request, { essayPath: path, body: `On another essay. ${marker("elsewhere")}` });
      if (posted.status === 201) {
        foreignId = posted.json.id;
        break;
      }
    }
    expect(foreignId, `another essay open for comments among ${essays.join(", ")}`).toBeDefined();

    const crossEssay = await apiPost(b.page.request, { essayPath: ESSAY, parentId: foreignId, body: `Cross-essay reply ${marker("x")}` });
    expect(crossEssay).toEqual({ status: 400, json: { error: "You can only reply to a comment under the same essay." } });
    const missing = await apiPost(b.page.request, { essayPath: ESSAY, parentId: 2_147_483_647, body: `Reply to nothing ${marker("x")}` });
    expect(missing).toEqual({ status: 404, json: { error: "The comment you are replying to no longer exists." } });
    const nonsense = await apiPost(b.page.request, { essayPath: ESSAY, parentId: "1 OR 1=1", body: `Reply to nonsense ${marker("x")}` });
    expect(nonsense.status).toBe(400);
    expect(nonsense.json.error).toBe("That comment could not be found.");
    for (const body of ["", "   \n\t  ", undefined]) {
      const empty = await apiPost(b.page.request, { essayPath: ESSAY, ...(body === undefined ? {} : { body }) });
      expect(empty.status, `body ${JSON.stringify(body)}`).toBe(400);
      expect(empty.json.error).toBe("Write something before posting.");
    }

    // The same forgery through the reply form's server action.
    const page = b.page;
    await page.goto(`/comments/${idA}/reply`);
    await hydratedAs(page, b.user);
    const form = page.locator("form.comment-form");
    await forgeHiddenInput(form, "parentId", foreignId!);
    const text = `Forged reply ${marker("forged")}`;
    await form.getByLabel("Your reply").fill(text);
    await form.getByRole("button", { name: "Post reply" }).click();
    await expect(page.locator("form.comment-form").getByRole("alert")).toHaveText("You can only reply to a comment under the same essay.");
    await page.goto(ESSAY);
    await expect(commentWith(page, text)).toHaveCount(0);
  });

  test("server-owned fields sent by the client are ignored: fresh id, the poster's name, now, visible", async () => {
    const started = Date.now();
    const text = `Forged fields ${marker("forged")}`;
    const response = await apiPost(b.page.request, {
      essayPath: ESSAY,
      body: text,
      id: idA,
      authorId: a.id,
      authorName: a.user.name,
      createdAt: "2001-01-01T00:00:00.000Z",
      editedAt: "2001-01-02T00:00:00.000Z",
      deletedAt: null,
      status: "hidden",
      bodyHtml: "<img src=x onerror=alert(1)>",
      renderVersion: 0,
    });
    expect(response.status).toBe(201);
    const id = response.json.id!;
    expect(id, "a fresh id, not the one sent").not.toBe(idA);
    expect(id).toBeGreaterThan(Math.max(idA, idB));
    expect(response.json.url).toBe(`/comments/${id}`);

    const page = b.page;
    await page.goto(ESSAY);
    const comment = page.locator(`#comment-${id}`);
    await expect(comment).toBeVisible();
    await expect(comment.locator(".comment-author")).toHaveText(b.user.name);
    await expect(comment.locator(".comment-body")).toHaveText(text);
    await expect(comment.locator(".comment-body img")).toHaveCount(0);
    await expect(comment.locator(".comment-edited")).toHaveCount(0);
    const created = Date.parse((await comment.locator("time").first().getAttribute("datetime")) ?? "");
    expect(created, "created now, not in 2001").toBeGreaterThanOrEqual(started - 60_000);
    expect(created).toBeLessThanOrEqual(Date.now() + 60_000);
    // A's comment was not overwritten by the id sent.
    await expectAUntouched();
  });
});

test("an anonymous visitor cannot post: the static form answers with a refusal, the API with 401", async ({ browser, request }) => {
  test.setTimeout(90_000);
  const anonymous = await browser.newContext({ javaScriptEnabled: false });
  const page = await anonymous.newPage();
  let text = "";
  // Another spec may post on this essay meanwhile: retry until the count was read in a quiet moment.
  await expect(async () => {
    await page.goto(ESSAY);
    const before = await shownCount(page);
    expect(before).not.toBeNaN();
    text = `Anonymous attempt ${marker("anon")}`;
    await page.getByLabel("Join the conversation").fill(text);
    await page.getByRole("button", { name: "Post comment" }).click();
    await expect(page.locator("form.comment-form").getByRole("alert")).toHaveText("Sign in to post. Your text is kept until you do. Sign in");
    await expect(page.getByLabel("Join the conversation")).toHaveValue(text);
    expect(await shownCount(page), "the count on the page is unchanged").toBe(before);
  }).toPass({ timeout: 45_000 });
  await page.goto(ESSAY);
  await expect(commentWith(page, text)).toHaveCount(0);

  const response = await apiPost(request, { essayPath: ESSAY, body: `Anonymous API attempt ${marker("anon")}` });
  expect(response).toEqual({ status: 401, json: { error: "Sign in to post a comment." } });
  // A same-origin Origin header does not stand in for a session.
  const sameOrigin = await apiPost(request, { essayPath: ESSAY, body: `Anonymous API attempt ${marker("anon")}` }, { Origin: new URL(page.url()).origin });
  expect(sameOrigin.status).toBe(401);
  await anonymous.close();
});

// ---------------------------------------------------------------------------------------------
// 3. Cross-site posts
// ---------------------------------------------------------------------------------------------

test("POST /api/comments from another site is refused for a signed-in reader; the same request from the site is not", async ({ browser }) => {
  const b = await signedInReader(browser, "Bruno");
  const origin = new URL(b.page.url()).origin;
  const attempts: { label: string; text: string; headers: Record<string, string>; form?: boolean }[] = [
    { label: "Origin: https://evil.example", text: `Cross-site ${marker("evil")}`, headers: { Origin: EVIL_ORIGIN } },
    { label: "Sec-Fetch-Site: cross-site", text: `Cross-site ${marker("evil")}`, headers: { "Sec-Fetch-Site": "cross-site" } },
    { label: "Origin: null (sandboxed frame)", text: `Cross-site ${marker("evil")}`, headers: { Origin: "null" } },
    { label: "Origin of a look-alike host", text: `Cross-site ${marker("evil")}`, headers: { Origin: `${origin}.evil.example` } },
    { label: "a form post from another site", text: `Cross-site ${marker("evil")}`, headers: { Origin: EVIL_ORIGIN, "Sec-Fetch-Site": "cross-site" }, form: true },
  ];
  for (const attempt of attempts) {
    const response = attempt.form
      ? await b.page.request.post("/api/comments", { form: { essayPath: ESSAY, body: attempt.text }, headers: attempt.headers })
      : await b.page.request.post("/api/comments", { data: { essayPath: ESSAY, body: attempt.text }, headers: attempt.headers });
    expect(response.status(), attempt.label).toBe(403);
    expect(await response.json(), attempt.label).toEqual({ error: "Cross-site requests are refused." });
  }
  // The same request with the site's own Origin (and Sec-Fetch-Site) goes through: only the origin decided.
  const control = `Same-site control ${marker("control")}`;
  const allowed = await apiPost(b.page.request, { essayPath: ESSAY, body: control }, { Origin: origin, "Sec-Fetch-Site": "same-origin" });
  expect(allowed.status).toBe(201);

  await b.page.goto(ESSAY);
  await expect(commentWith(b.page, control)).toHaveCount(1);
  for (const attempt of attempts) await expect(commentWith(b.page, attempt.text), attempt.label).toHaveCount(0);
  await b.context.close();
});

test("a captured server-action post replayed with Origin: https://evil.example creates nothing; replayed from the site it does", async ({ browser }) => {
  const b = await signedInReader(browser, "Bruno");
  const page = b.page;
  await page.goto(ESSAY);
  await hydratedAs(page, b.user);

  // Capture the form's submission as the browser makes it, and keep it from reaching the server.
  const isEssay = (url: URL) => url.pathname === ESSAY;
  let resolveCaptured: (value: { headers: Record<string, string>; body: Buffer }) => void;
  const captured = new Promise<{ headers: Record<string, string>; body: Buffer }>((resolve) => (resolveCaptured = resolve));
  await page.route(isEssay, async (route) => {
    const request = route.request();
    if (request.method() !== "POST") return route.fallback();
    resolveCaptured({ headers: await request.allHeaders(), body: request.postDataBuffer() ?? Buffer.alloc(0) });
    await route.abort();
  });
  const text = `Replayed ${marker("replay")}`;
  await page.getByLabel("Join the conversation").fill(text);
  await page.getByRole("button", { name: "Post comment" }).click();
  const { headers, body } = await captured;
  await page.unroute(isEssay);

  expect(headers["next-action"], "a server-action request").toMatch(/^[0-9a-f]+$/);
  expect(headers["content-type"]).toMatch(/^multipart\/form-data; boundary=/);
  expect(body.toString()).toContain(text);
  const origin = new URL(page.url()).origin;
  expect(headers.origin).toBe(origin);

  // The browser's own headers, minus what page.request sets itself (cookies come from the context).
  const replayHeaders = Object.fromEntries(
    Object.entries(headers).filter(([name]) => !["cookie", "host", "content-length", "origin"].includes(name) && !name.startsWith("sec-fetch-")),
  );
  const replay = (from: string) =>
    page.request.fetch(ESSAY, { method: "POST", headers: { ...replayHeaders, origin: from }, data: body, maxRedirects: 0 });

  const evil = await replay(EVIL_ORIGIN);
  expect(evil.ok(), `cross-site replay answered ${evil.status()}`).toBe(false);
  expect(evil.headers()["x-action-redirect"], "no redirect to a new comment").toBeUndefined();
  await page.goto(ESSAY);
  await expect(commentWith(page, text)).toHaveCount(0);

  const own = await replay(origin);
  expect(own.status(), "the same replay from the site's own origin").toBe(200);
  expect(own.headers()["x-action-redirect"]).toMatch(new RegExp(`^${ESSAY}#comment-\\d+`));
  await page.goto(ESSAY);
  await expect(commentWith(page, text)).toHaveCount(1);
  await b.context.close();
});
