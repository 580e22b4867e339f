// The post command (lib/comments/commands/post-comment.ts), the one posting path of the JSON route
// and the form's server action, against a real migrated SQLite database and the fixture essays:
// what it refuses, what it stores, and what it queues in the outbox. Written when the path was
// folded into fewer queries (docs/decisions/015-fast-comment-posting.md), to pin the behaviour;
// a refusal is read as the JSON route answers it (its HTTP status and error), unchanged since.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadWithEnv } from "../support/contract-databases";

type Modules = {
  command: typeof import("@/lib/comments/commands/post-comment");
  http: typeof import("@/lib/comments/commands/http-status");
  warmUp: typeof import("@/lib/comments/warm-up");
  client: typeof import("@/db/client");
  migrate: typeof import("@/db/migrate");
  essays: typeof import("@/lib/content/essays");
};

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "essays-comment-service-"));
let m: Modules;

beforeAll(async () => {
  const env = {
    DATABASE_URL: `file:${path.join(dir, "test.db")}`,
    ADMIN_EMAILS: "mira@example.org",
    // Signs the unsubscribe links in the queued e-mails.
    AUTH_SECRET: "comment-service-test-secret-0123456789abcdef",
    CONTENT_DIR: "tests/fixtures/essays",
    // "first": a reader's first comment waits for a moderator, so both statuses are reachable.
    COMMENTS_MODERATION: "first",
    COMMENTS_PER_MINUTE: "3",
  };
  m = await loadWithEnv(env, async () => {
    const [command, http, warmUp, client, migrate, essays] = await Promise.all([
      import("@/lib/comments/commands/post-comment"),
      import("@/lib/comments/commands/http-status"),
      import("@/lib/comments/warm-up"),
      import("@/db/client"),
      import("@/db/migrate"),
      import("@/lib/content/essays"),
    ]);
    return { command, http, warmUp, client, migrate, essays };
  });
  await m.migrate.migrateDatabase();
});

afterAll(async () => {
  await m?.client.closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
});

let counter = 0;
async function insertUser(values: { email?: string; verified?: boolean; approved?: boolean; nameConfirmed?: boolean } = {}) {
  const { db, schema } = m.client.getDb();
  const [row] = await db
    .insert(schema.users)
    .values({
      email: values.email ?? `reader${++counter}@example.org`,
      name: `Reader ${counter}`,
      emailVerified: values.verified ? new Date() : null,
      commentsApprovedAt: values.approved ? new Date() : null,
      // Readers have accepted their public name unless a test says otherwise (decision 030).
      nameConfirmedAt: values.nameConfirmed === false ? null : new Date(),
    })
    .returning({ id: schema.users.id });
  return row!.id;
}

function essayPath(title: string) {
  const essay = m.essays.getEssaySummaries().find((summary) => summary.title === title);
  if (!essay) throw new Error(`no fixture essay "${title}"`);
  return essay.path;
}

async function outboxKeys() {
  const { db, schema } = m.client.getDb();
  return (await db.select({ key: schema.outbox.dedupeKey }).from(schema.outbox)).map((row) => row.key);
}

async function commentRow(id: number) {
  const { db, schema } = m.client.getDb();
  const [row] = await db.select().from(schema.comments).where(eq(schema.comments.id, id));
  return row;
}

/** Posts as the reader `userId`; a refusal as the JSON route answers it: { ok: false, status, error, link? }. */
async function postComment({ userId, ...input }: { userId: string; essayPath: string; parentId: number | null; body: string }) {
  const result = await m.command.postComment({ viewer: { userId }, input });
  if (result.ok) return result;
  return { ok: false as const, status: m.http.HTTP_STATUS[result.code], error: result.message, ...(result.link ? { link: result.link } : {}) };
}

describe("postComment", () => {
  it("publishes an approved reader's comment with its rendered text, and mails the parent's author about a reply", async () => {
    const open = essayPath("A Testing Ground");
    const parentAuthor = await insertUser({ approved: true });
    const replier = await insertUser({ approved: true });
    const root = await postComment({ userId: parentAuthor, essayPath: open, parentId: null, body: "A *first* thought" });
    expect(root).toMatchObject({ ok: true, status: "published", essay: { path: open } });
    if (!root.ok) return;
    expect(await commentRow(root.id)).toMatchObject({ bodyHtml: "<p>A <em>first</em> thought</p>", status: "published", parentId: null });
    // A top-level comment replies to nobody.
    expect((await outboxKeys()).filter((key) => key.startsWith(`reply:${root.id}:`))).toEqual([]);

    const reply = await postComment({ userId: replier, essayPath: open, parentId: root.id, body: "A reply" });
    expect(reply).toMatchObject({ ok: true, status: "published" });
    if (!reply.ok) return;
    expect(await outboxKeys()).toContain(`reply:${reply.id}:${parentAuthor}`);
  });

  it("holds a new reader's first comment and tells the moderators; a moderator's own goes up at once", async () => {
    const open = essayPath("A Testing Ground");
    const mira = await insertUser({ email: "mira@example.org", verified: true });
    const newcomer = await insertUser();
    const held = await postComment({ userId: newcomer, essayPath: open, parentId: null, body: "Hello, first time here" });
    expect(held).toMatchObject({ ok: true, status: "pending" });
    if (!held.ok) return;
    expect(await outboxKeys()).toContain(`pending:${held.id}:${mira}`);

    const own = await postComment({ userId: mira, essayPath: open, parentId: null, body: "A moderator speaks" });
    expect(own).toMatchObject({ ok: true, status: "published" });
  });

  it("returns the earlier comment for a double submit, queueing nothing more", async () => {
    const open = essayPath("A Testing Ground");
    const parentAuthor = await insertUser({ approved: true });
    const reader = await insertUser({ approved: true });
    const root = await postComment({ userId: parentAuthor, essayPath: open, parentId: null, body: "Root for a double submit" });
    if (!root.ok) throw new Error("root refused");
    const input = { userId: reader, essayPath: open, parentId: root.id, body: "Clicked twice" };
    const first = await postComment(input);
    const before = await outboxKeys();
    const second = await postComment(input);
    expect(first.ok && second.ok && second.id === first.id).toBe(true);
    expect(await outboxKeys()).toEqual(before);
  });

  it("refuses missing and closed essays, locked threads, banned readers, bad parents and fast posters, storing nothing", async () => {
    const open = essayPath("A Testing Ground");
    const reader = await insertUser({ approved: true });
    const post = (values: { essayPath?: string; parentId?: number | null; body?: string; userId?: string }) =>
      postComment({ userId: reader, essayPath: open, parentId: null, body: `Refused ${++counter}`, ...values });
    const { db, schema } = m.client.getDb();
    const count = async () => (await db.select({ id: schema.comments.id }).from(schema.comments)).length;
    const stored = await count();

    expect(await post({ essayPath: "/no/such/essay" })).toMatchObject({ ok: false, status: 404 });
    expect(await post({ essayPath: essayPath("A Closed Conversation") })).toMatchObject({ ok: false, status: 403, error: expect.stringMatching(/closed/) });
    expect(await post({ parentId: 2_000_000_000 })).toMatchObject({ ok: false, status: 404 });

    const elsewhere = await post({ essayPath: essayPath("A Long Conversation") });
    if (!elsewhere.ok) throw new Error("post elsewhere refused");
    expect(await post({ parentId: elsewhere.id })).toMatchObject({ ok: false, status: 400 });

    const banned = await insertUser({ approved: true });
    await db.insert(schema.bans).values({ userId: banned, reason: "Spam", endsAt: new Date("2999-01-01T00:00:00Z") });
    expect(await post({ userId: banned })).toMatchObject({ ok: false, status: 403, error: expect.stringMatching(/until 1 January 2999\. Reason: Spam$/) });

    const locked = essayPath("A Moderated Conversation");
    await db.insert(schema.threadLocks).values({ essayPath: locked, reason: "Heated" });
    expect(await post({ essayPath: locked })).toMatchObject({ ok: false, status: 403, error: expect.stringMatching(/locked/) });
    // The lock is told before the ban, as the thread is closed to everyone.
    expect(await post({ essayPath: locked, userId: banned })).toMatchObject({ ok: false, status: 403, error: expect.stringMatching(/locked/) });

    expect(await count()).toBe(stored + 1);
    // COMMENTS_PER_MINUTE=3: one is posted above, two more pass, the fourth waits.
    for (const _ of [1, 2]) expect(await post({})).toMatchObject({ ok: true });
    expect(await post({})).toMatchObject({ ok: false, status: 429, error: expect.stringMatching(/try again in \d+ seconds?/) });
    expect(await count()).toBe(stored + 3);
  });
});

describe("a reader who has not accepted a public name", () => {
  it("is refused with a link to choose it that leads back to the thread, storing nothing", async () => {
    const open = essayPath("A Testing Ground");
    const unnamed = await insertUser({ approved: true, nameConfirmed: false });
    const { db, schema } = m.client.getDb();
    const count = async () => (await db.select({ id: schema.comments.id }).from(schema.comments)).length;
    const stored = await count();

    const topLevel = await postComment({ userId: unnamed, essayPath: open, parentId: null, body: "Under whose name?" });
    expect(topLevel).toEqual({
      ok: false,
      status: 403,
      error: expect.stringMatching(/choose the name other readers will see.*Your text is kept here\.$/),
      link: { href: `/account/name?callbackUrl=${encodeURIComponent(`${open}#comments`)}`, text: "Choose your name" },
    });
    const parent = await postComment({ userId: await insertUser({ approved: true }), essayPath: open, parentId: null, body: "A parent" });
    if (!parent.ok) throw new Error("parent refused");
    const reply = await postComment({ userId: unnamed, essayPath: open, parentId: parent.id, body: "A reply under no name" });
    expect(reply).toMatchObject({ ok: false, status: 403, link: { href: `/account/name?callbackUrl=${encodeURIComponent(`/comments/${parent.id}`)}` } });
    expect(await count()).toBe(stored + 1);

    await db.update(schema.users).set({ nameConfirmedAt: new Date() }).where(eq(schema.users.id, unnamed));
    expect(await postComment({ userId: unnamed, essayPath: open, parentId: null, body: "Under whose name?" })).toMatchObject({ ok: true });
  });
});

describe("warmUpCommentPosting", () => {
  it("runs the posting path's first calls without writing anything", async () => {
    const { db, schema } = m.client.getDb();
    const tables = [schema.users, schema.comments, schema.outbox, schema.threadLocks] as const;
    const before = await Promise.all(tables.map((table) => db.select().from(table)));
    await expect(m.warmUp.warmUpCommentPosting()).resolves.toBeUndefined();
    expect(await Promise.all(tables.map((table) => db.select().from(table)))).toEqual(before);
  });
});

describe("postComment responding to a passage (issue 15)", () => {
  function essayTitled(title: string) {
    const essay = m.essays.getEssays().find((candidate) => candidate.title === title);
    if (!essay) throw new Error(`no fixture essay "${title}"`);
    return essay;
  }
  async function passageRows() {
    const { db, schema } = m.client.getDb();
    return db.select().from(schema.commentPassages);
  }
  async function postWithPassage(userId: string, essayPath: string, passage: unknown, parentId: number | null = null) {
    const result = await m.command.postComment({ viewer: { userId }, input: { essayPath, parentId, body: `On that passage ${++counter}`, passage } });
    return result.ok ? result : { ok: false as const, status: m.http.HTTP_STATUS[result.code], error: result.message, field: result.field };
  }

  it("stores the passage with the comment, checked against the revision the page showed; refuses forged passages with a 400 and stores nothing", async () => {
    const essay = essayTitled("A Testing Ground");
    const { essayBlocks } = await import("@/lib/anchors/essay-blocks");
    const { carryBlockIds } = await import("@/lib/anchors/block-ids");
    const { revisionId } = await import("@/db/queries/passages");
    // What the page shows on a fresh database: the first revision's ids, and its revision id.
    const blocks = carryBlockIds([], essayBlocks(essay.body, essay.format));
    const block = blocks.find((candidate) => candidate.text.length > 40);
    if (!block) throw new Error("the fixture essay has no paragraph of 40 characters");
    const exact = block.text.slice(4, 30);
    const passage = { revisionId: revisionId(essay.path, blocks), blockId: block.id, start: 4, end: 30, exact };
    const reader = await insertUser({ approved: true });
    const before = await passageRows();

    for (const [forged, error] of [
      [{ ...passage, revisionId: "rforgedrevision" }, /version of the essay this site does not know/],
      [{ ...passage, blockId: "bnope" }, /paragraph is not in this version/],
      [{ ...passage, end: 100_000 }, /does not fit inside its paragraph/],
      [{ ...passage, exact: "words nobody wrote here" }, /not the essay's at that place/],
      [{ ...passage, start: -3 }, /start expected 0 or more/],
      [{ ...passage, blockId: "<script>" }, /blockId expected a block id/],
      ["a string", /not one of this page's/],
    ] as const) {
      expect(await postWithPassage(reader, essay.path, forged)).toMatchObject({ ok: false, status: 400, field: "passage", error: expect.stringMatching(error) });
    }
    expect(await passageRows()).toEqual(before);

    const posted = await postWithPassage(reader, essay.path, passage);
    expect(posted).toMatchObject({ ok: true });
    if (!posted.ok) return;
    const stored = (await passageRows()).find((row) => row.commentId === posted.id);
    expect(stored).toMatchObject({ revisionId: passage.revisionId, blockId: block.id, startOffset: 4, endOffset: 30, exact, placement: "anchored", placedBlockId: block.id });

    // A reply answers its comment, not a passage.
    const reply = await postWithPassage(await insertUser({ approved: true }), essay.path, passage, posted.id);
    expect(reply).toMatchObject({ ok: false, status: 400, field: "passage", error: expect.stringMatching(/A reply answers its comment/) });
  });
});
