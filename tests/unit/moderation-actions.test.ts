// The moderation server actions (lib/moderation/actions.ts) called directly, as a form post would,
// against a real migrated SQLite database. Only the viewer (read from the session cookie) and
// Next's cache invalidation (which needs a request) are replaced; the database is real.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { loadWithEnv } from "../support/contract-databases";

const session = vi.hoisted(() => ({ user: null as { id: string } | null }));
const updateTag = vi.hoisted(() => vi.fn());
vi.mock("@/lib/auth/session-user", () => ({ readViewer: vi.fn(async () => (session.user ? { userId: session.user.id } : null)) }));
vi.mock("next/cache", () => ({ updateTag }));

type Modules = {
  actions: typeof import("@/lib/moderation/actions");
  client: typeof import("@/db/client");
  migrate: typeof import("@/db/migrate");
  moderation: typeof import("@/db/queries/moderation");
  essays: typeof import("@/lib/content/essays");
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "essays-moderation-actions-"));
let m: Modules;

beforeAll(async () => {
  const env = {
    DATABASE_URL: `file:${path.join(dir, "test.db")}`,
    ADMIN_EMAILS: "mira@example.org,unverified@example.org",
    // Lock and unlock check that the essay exists: the fixture essays stand in for content/.
    CONTENT_DIR: "tests/fixtures/essays",
  };
  m = await loadWithEnv(env, async () => {
    const [actions, client, migrate, moderation, essays] = await Promise.all([
      import("@/lib/moderation/actions"),
      import("@/db/client"),
      import("@/db/migrate"),
      import("@/db/queries/moderation"),
      import("@/lib/content/essays"),
    ]);
    return { actions, client, migrate, moderation, essays };
  });
  await m.migrate.migrateDatabase();
});

afterAll(async () => {
  await m?.client.closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
});

beforeEach(() => {
  session.user = null;
  updateTag.mockClear();
});

let counter = 0;
async function insertUser(email: string, verified: boolean, name = "Someone") {
  const { db, schema } = m.client.getDb();
  const [row] = await db
    .insert(schema.users)
    .values({ email: email || `reader${++counter}@example.org`, name, emailVerified: verified ? new Date() : null })
    .returning({ id: schema.users.id });
  return row!.id;
}

async function insertComment(values: { essayPath: string; authorId: string; status?: "published" | "pending" | "hidden" }) {
  const { db, schema } = m.client.getDb();
  const [row] = await db
    .insert(schema.comments)
    .values({ body: "Words", bodyHtml: "<p>Words</p>", ...values })
    .returning({ id: schema.comments.id });
  return row!.id;
}

async function snapshot() {
  const { db, schema } = m.client.getDb();
  const [comments, log, bans, locks, reports] = await Promise.all([
    db.select().from(schema.comments),
    db.select().from(schema.moderationLog),
    db.select().from(schema.bans),
    db.select().from(schema.threadLocks),
    db.select().from(schema.reports),
  ]);
  return { comments, log, bans, locks, reports };
}

const form = (fields: Record<string, string>) => {
  const data = new FormData();
  for (const [name, value] of Object.entries(fields)) data.set(name, value);
  return data;
};

/** Every moderator-only action with a form that a moderator could send successfully. */
async function moderatorForms() {
  const essayPath = m.essays.getEssaySummaries()[0]!.path;
  const author = await insertUser("", true, "Author");
  const published = await insertComment({ essayPath, authorId: author });
  const pending = await insertComment({ essayPath, authorId: author, status: "pending" });
  const hidden = await insertComment({ essayPath, authorId: author, status: "hidden" });
  const reporter = await insertUser("", true);
  const report = await m.moderation.reportComment({ commentId: published, reporterId: reporter, reason: "Rude" });
  if (!report.ok) throw new Error("report refused");
  const banned = await insertUser("", true);
  const { db, schema } = m.client.getDb();
  await db.insert(schema.bans).values({ userId: banned, reason: "Spam" });
  await db.insert(schema.threadLocks).values({ essayPath: m.essays.getEssaySummaries()[1]!.path }).onConflictDoNothing();
  const a = m.actions;
  return [
    ["hideCommentAction", a.hideCommentAction, form({ commentId: String(published), reason: "Spam" })],
    ["restoreCommentAction", a.restoreCommentAction, form({ commentId: String(hidden) })],
    ["approveCommentAction", a.approveCommentAction, form({ commentId: String(pending) })],
    ["lockThreadAction", a.lockThreadAction, form({ essayPath })],
    ["unlockThreadAction", a.unlockThreadAction, form({ essayPath: m.essays.getEssaySummaries()[1]!.path })],
    ["banUserAction", a.banUserAction, form({ userId: author, reason: "Spam", hideComments: "on" })],
    ["unbanUserAction", a.unbanUserAction, form({ userId: banned })],
    ["resolveReportAction", a.resolveReportAction, form({ reportId: String(report.reportId), resolution: "Nothing wrong" })],
  ] as const;
}

describe("moderator-only actions refuse everyone else", () => {
  const refusal = { ok: false, error: "Only moderators can do this." };

  it.each([
    ["an anonymous visitor", async () => null],
    ["a signed-in reader", async () => ({ id: await insertUser("", true, "Plain Reader") })],
    ["a listed address that is not verified", async () => ({ id: await insertUser("unverified@example.org", false) })],
    ["a session whose user is gone", async () => ({ id: "no-such-user" })],
  ])("as %s: refused, nothing written, nothing invalidated", async (_who, signIn) => {
    const forms = await moderatorForms();
    session.user = await signIn();
    const before = await snapshot();
    for (const [name, action, data] of forms) {
      expect({ name, result: await action(null, data) }).toEqual({ name, result: refusal });
      // The plain-form calling convention gets the same answer.
      expect({ name, result: await action(data) }).toEqual({ name, result: refusal });
    }
    expect(await snapshot()).toEqual(before);
    expect(updateTag).not.toHaveBeenCalled();
  });

  it("sends a plain form back to the admin page with the refusal as a code", async () => {
    const [[, hide, data]] = await moderatorForms();
    data.set("returnTo", "/admin?view=queue");
    await expect(hide(data)).rejects.toMatchObject({ digest: expect.stringContaining("/admin?view=queue&notice=forbidden") });
  });
});

describe("moderator actions for a moderator", () => {
  it("each succeeds, logs once, and refreshes the threads it changed", async () => {
    const forms = await moderatorForms();
    session.user = { id: await insertUser("Mira@Example.org", true, "Mira") };
    const essayPath = m.essays.getEssaySummaries()[0]!.path;
    const otherPath = m.essays.getEssaySummaries()[1]!.path;
    const expectedTags: Record<string, string[]> = {
      hideCommentAction: [`comments:${essayPath}`, "comment-counts"],
      restoreCommentAction: [`comments:${essayPath}`, "comment-counts"],
      approveCommentAction: [`comments:${essayPath}`, "comment-counts"],
      lockThreadAction: [`comments:${essayPath}`],
      unlockThreadAction: [`comments:${otherPath}`],
      // The author's remaining visible comments on that essay are hidden with the ban.
      banUserAction: [`comments:${essayPath}`, "comment-counts"],
      unbanUserAction: [],
      resolveReportAction: [],
    };
    for (const [name, action, data] of forms) {
      updateTag.mockClear();
      const logBefore = (await snapshot()).log.length;
      const result = await action(null, data);
      expect({ name, ok: result?.ok }).toEqual({ name, ok: true });
      // The ban hides the author's two comments that are visible by then (restored and approved): 1 + 2 entries.
      expect({ name, log: (await snapshot()).log.length - logBefore }).toEqual({ name, log: name === "banUserAction" ? 3 : 1 });
      expect({ name, tags: updateTag.mock.calls.map(([tag]) => tag) }).toEqual({ name, tags: expectedTags[name] });
    }
    // Sent again: nothing changes, nothing is logged or refreshed.
    const [hide, , , lock] = forms;
    updateTag.mockClear();
    const logBefore = (await snapshot()).log.length;
    expect(await lock[1](lock[2])).toEqual({ ok: true, message: "Nothing changed: that was already done." });
    expect(await hide[1](null, hide[2])).toEqual({ ok: true, message: "Nothing changed: that was already done." });
    expect((await snapshot()).log.length).toBe(logBefore);
    expect(updateTag).not.toHaveBeenCalled();
  });

  it("refuses bad input with the parser's message, and redirects plain forms to safe admin addresses only", async () => {
    session.user = { id: await insertUser("mira@example.org", true) };
    expect(await m.actions.hideCommentAction(null, form({ commentId: "1", reason: "Other" }))).toEqual({ ok: false, error: "Say why: pick a reason or write one." });
    expect(await m.actions.lockThreadAction(null, form({ essayPath: "/no/such/essay" }))).toEqual({
      ok: false,
      error: "Nothing changed: that essay does not exist.",
    });
    expect(await m.actions.banUserAction(null, form({ userId: session.user.id, reason: "Spam" }))).toEqual({
      ok: false,
      error: "Nothing changed: you cannot ban yourself.",
    });
    const bad = form({ commentId: "1", reason: "Other", returnTo: "https://evil.example/admin" });
    expect(await m.actions.hideCommentAction(bad)).toMatchObject({ ok: false });
    bad.set("returnTo", "/admin?view=recent&status=hidden");
    await expect(m.actions.hideCommentAction(bad)).rejects.toMatchObject({ digest: expect.stringContaining("/admin?view=recent&status=hidden&notice=invalid") });
  });
});

describe("reportCommentAction", () => {
  it("asks anonymous visitors to sign in, and lets any signed-in reader report once", async () => {
    const essayPath = m.essays.getEssaySummaries()[0]!.path;
    const comment = await insertComment({ essayPath, authorId: await insertUser("", true) });
    const data = form({ commentId: String(comment), reason: "Spam" });

    expect(await m.actions.reportCommentAction(null, data)).toEqual({ ok: false, error: "Sign in to report a comment." });
    expect((await snapshot()).reports.filter((r) => r.commentId === comment)).toEqual([]);

    session.user = { id: await insertUser("", false, "Plain Reader") };
    const before = (await snapshot()).log.length;
    expect(await m.actions.reportCommentAction(null, data)).toEqual({ ok: true, message: "Thank you. A moderator will look at this comment." });
    expect(await m.actions.reportCommentAction(data)).toEqual({ ok: false, error: "You have already reported this comment." });
    expect(await m.actions.reportCommentAction(null, form({ commentId: String(comment) }))).toEqual({ ok: false, error: "Say why: pick a reason or write one." });
    expect(await m.actions.reportCommentAction(null, form({ commentId: "2000000000", reason: "Spam" }))).toEqual({
      ok: false,
      error: "That comment is no longer there to report.",
    });
    expect((await snapshot()).reports.filter((r) => r.commentId === comment)).toHaveLength(1);
    expect((await snapshot()).log.length).toBe(before);
    expect(updateTag).not.toHaveBeenCalled();
  });
});
