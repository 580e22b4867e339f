// The comment queries, run against SQLite (a temp file) and a real PostgreSQL server
// (started once by tests/support/vitest-global-setup.ts; a fresh database per suite),
// the same way as tests/unit/db-contract.test.ts.
import BetterSqlite3 from "better-sqlite3";
import { eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { parseDatabaseUrl } from "@/db/url";
import { buildCommentTree, countVisibleComments } from "@/lib/comments/build-tree";
import { closeInstances, contractTargets, countQueries, loadWithDatabaseUrl, migratedDatabase } from "../support/contract-databases";

/** A fresh copy of the db modules (own env, own connection), as one app instance would have. */
async function loadModules(databaseUrl: string) {
  const [client, migrate, comments] = await loadWithDatabaseUrl(databaseUrl, () =>
    Promise.all([import("@/db/client"), import("@/db/migrate"), import("@/db/queries/comments")]),
  );
  return { client, migrate, comments };
}
type Modules = Awaited<ReturnType<typeof loadModules>>;

const targets = contractTargets("essays-comments-db-");

/** Runs raw SQL with the plain driver, as lib/cache/shared-tags.js does. */
async function rawQuery(databaseUrl: string, sqliteSql: string, pgSql: string, params: unknown[]): Promise<Record<string, unknown>[]> {
  const config = parseDatabaseUrl(databaseUrl, "data");
  if (config.dialect === "sqlite") {
    const sqlite = new BetterSqlite3(config.file);
    try {
      const statement = sqlite.prepare(sqliteSql);
      if (!statement.reader) {
        statement.run(...params);
        return [];
      }
      return statement.all(...params) as Record<string, unknown>[];
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({ connectionString: config.url });
  await client.connect();
  try {
    return (await client.query(pgSql, params)).rows;
  } finally {
    await client.end();
  }
}

const base = new Date("2030-01-01T00:00:00.000Z");
const at = (ms: number) => new Date(base.getTime() + ms);
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const DAY = 24 * 60 * MINUTE;

for (const target of targets) {
  describe.skipIf(target.skip)(`comment queries on ${target.dialect}`, () => {
    let databaseUrl: string;
    let m: Modules;
    const extraInstances: Modules[] = [];

    beforeAll(async () => ({ databaseUrl, m } = await migratedDatabase(target, loadModules)));
    afterAll(() => closeInstances([m, ...extraInstances]));

    let userCounter = 0;
    async function insertUser(values: { name?: string | null; email?: string | null; displayName?: string | null; image?: string | null } = {}) {
      const { db, schema } = m.client.getDb();
      userCounter++;
      const [row] = await db
        .insert(schema.users)
        .values({ email: `reader${userCounter}@example.org`, ...values })
        .returning({ id: schema.users.id });
      if (!row) throw new Error("insert returned no row");
      return row.id;
    }

    /** A comment written straight to the table (imports, moderation states the queries do not set yet). */
    async function insertRow(values: {
      essayPath: string;
      parentId?: number | null;
      authorId?: string | null;
      authorName?: string | null;
      body?: string;
      status?: "published" | "pending" | "hidden";
      moderationReason?: string | null;
      deletedAt?: Date | null;
      editedAt?: Date | null;
      createdAt: Date;
    }) {
      const { db, schema } = m.client.getDb();
      const body = values.body ?? "text";
      const [row] = await db
        .insert(schema.comments)
        .values({ bodyHtml: `<p>${body}</p>`, ...values, body })
        .returning({ id: schema.comments.id });
      if (!row) throw new Error("insert returned no row");
      return row.id;
    }

    async function commentRows(where: { authorId?: string; essayPath?: string }) {
      const { db, schema } = m.client.getDb();
      const { comments } = schema;
      const condition = where.authorId !== undefined ? eq(comments.authorId, where.authorId) : eq(comments.essayPath, where.essayPath ?? "");
      return db.select().from(comments).where(condition).orderBy(comments.id);
    }

    const limits = { perMinute: 5, perDay: 200 };
    /** insertComment with defaults for what a test does not care about. */
    function post(values: { authorId: string; essayPath?: string; parentId?: number | null; body?: string; now?: Date; limits?: { perMinute: number; perDay: number } }) {
      const body = values.body ?? "Hello";
      return m.comments.insertComment({
        essayPath: "/essays/01/01/post",
        parentId: null,
        bodyHtml: `<p>${body}</p>`,
        renderVersion: 1,
        status: "published",
        limits,
        ...values,
        body,
      });
    }

    async function postOk(values: Parameters<typeof post>[0]): Promise<number> {
      const result = await post(values);
      if (!result.ok) throw new Error(`post refused: ${result.reason}`);
      return result.id;
    }

    describe("schema", () => {
      it("creates the comment tables empty", async () => {
        const { db, schema } = m.client.getDb();
        for (const table of [schema.comments, schema.commentRevisions, schema.cacheTagEvents]) {
          expect(await db.select().from(table)).toEqual([]);
        }
      });

      it("has cache_tag_events with the column names raw SQL uses, holding epoch milliseconds", async () => {
        const stale = 1_900_000_000_123; // past 2^31: needs a 64-bit column
        await rawQuery(
          databaseUrl,
          "insert into cache_tag_events (tag, stale_at, expired_at, seq) values (?, ?, ?, ?)",
          "insert into cache_tag_events (tag, stale_at, expired_at, seq) values ($1, $2, $3, $4)",
          ["essay:/a", stale, null, 1],
        );
        const rows = await rawQuery(
          databaseUrl,
          "select tag, stale_at, expired_at, seq from cache_tag_events where seq > ?",
          "select tag, stale_at, expired_at, seq from cache_tag_events where seq > $1",
          [0],
        );
        expect(rows.map((row) => ({ ...row, stale_at: Number(row.stale_at), seq: Number(row.seq) }))).toEqual([
          { tag: "essay:/a", stale_at: stale, expired_at: null, seq: 1 },
        ]);
        const { db, schema } = m.client.getDb();
        expect(await db.select().from(schema.cacheTagEvents)).toEqual([{ tag: "essay:/a", staleAt: stale, expiredAt: null, seq: 1 }]);
        await db.delete(schema.cacheTagEvents);
      });

      it("refuses a status outside published, pending and hidden", async () => {
        const { db, schema } = m.client.getDb();
        await expect(
          db.insert(schema.comments).values({ essayPath: "/x", body: "b", bodyHtml: "b", status: "spam" as "hidden" }),
        ).rejects.toThrow();
      });
    });

    describe("getThreadByEssay", () => {
      const essay = "/essays/01/02/thread";

      it("loads a whole thread in one query, with author names and never an e-mail or a hidden text", async () => {
        const ada = await insertUser({ name: "Ada Lovelace", email: "ada@example.org", displayName: "Countess", image: "https://img.example/ada.png" });
        const grace = await insertUser({ name: "Grace Hopper", email: "grace@example.org" });
        const alan = await insertUser({ email: "alan.turing@example.org" });
        const nobody = await insertUser({ email: null, name: null });

        const root = await insertRow({ essayPath: essay, authorId: ada, body: "Root", createdAt: at(0) });
        const reply = await insertRow({ essayPath: essay, parentId: root, authorId: grace, body: "Reply", createdAt: at(2_000) });
        const deleted = await insertRow({ essayPath: essay, parentId: root, authorId: alan, body: "Regret", deletedAt: at(5_000), createdAt: at(3_000) });
        await insertRow({ essayPath: essay, parentId: deleted, authorId: nobody, body: "Answer to regret", createdAt: at(4_000) });
        const hidden = await insertRow({ essayPath: essay, authorId: alan, body: "Rude", status: "hidden", moderationReason: "Personal attack", createdAt: at(6_000) });
        // A reason left on a comment that is no longer hidden is not shown.
        await insertRow({ essayPath: "/essays/other", authorId: ada, body: "Restored", moderationReason: "Stale", createdAt: at(0) });
        await insertRow({ essayPath: essay, authorId: grace, body: "Waiting", status: "pending", createdAt: at(7_000) });
        const imported = await insertRow({ essayPath: essay, authorName: " Old Timer ", body: "From the old blog", createdAt: at(1_000) });
        const anonymous = await insertRow({ essayPath: essay, body: "Nameless", createdAt: at(8_000) });
        await insertRow({ essayPath: "/essays/other", authorId: ada, body: "Elsewhere", createdAt: at(0) });

        const { result: thread, queries } = await countQueries(() => m.comments.getThreadByEssay({ essayPath: essay }));
        expect(queries).toBe(1);
        expect(JSON.stringify(thread)).not.toContain("@");
        expect(JSON.stringify(thread)).not.toMatch(/Regret|Rude|Waiting/);
        for (const comment of thread) {
          expect(Object.keys(comment).sort()).toEqual(
            ["authorId", "authorImage", "authorName", "bodyHtml", "createdAt", "deleted", "deltas", "disagreement", "editedAt", "id", "moderationReason", "parentId", "retraction", "status"].sort(),
          );
        }
        expect(thread.map((c) => [c.authorName, c.bodyHtml, c.status, c.deleted, c.moderationReason])).toEqual([
          ["Countess", "<p>Root</p>", "published", false, null],
          ["Old Timer", "<p>From the old blog</p>", "published", false, null],
          ["Grace Hopper", "<p>Reply</p>", "published", false, null],
          // No chosen name and no provider's name: never a part of the e-mail address.
          ["Reader", null, "published", true, null],
          ["Reader", "<p>Answer to regret</p>", "published", false, null],
          ["Reader", null, "hidden", false, "Personal attack"],
          ["a former reader", "<p>Nameless</p>", "published", false, null],
        ]);
        const first = thread[0]!;
        expect(first).toEqual({
          id: root,
          parentId: null,
          authorId: ada,
          authorName: "Countess",
          authorImage: "https://img.example/ada.png",
          bodyHtml: "<p>Root</p>",
          status: "published",
          moderationReason: null,
          deleted: false,
          editedAt: null,
          createdAt: at(0),
          retraction: null,
          deltas: [],
          disagreement: null,
        });
        expect(thread.find((c) => c.id === reply)?.parentId).toBe(root);
        expect(thread.find((c) => c.id === imported)).toMatchObject({ authorId: null, authorImage: null });
        expect(thread.find((c) => c.id === anonymous)?.authorId).toBeNull();

        // What the page does with it: the deleted comment stays as a tombstone above its live
        // reply, and the hidden one stays as a tombstone of its own.
        const tree = buildCommentTree(thread, { order: "oldest" });
        expect(tree.map((node) => [node.comment.id, node.tombstone])).toEqual([
          [root, null],
          [imported, null],
          [hidden, "hidden"],
          [anonymous, null],
        ]);
        expect(tree[0]!.children.map((node) => [node.comment.id, node.tombstone])).toEqual([
          [reply, null],
          [deleted, "deleted"],
        ]);
        expect(thread.some((c) => c.id === hidden)).toBe(true);
        expect(countVisibleComments(thread)).toBe(5);
      });

      it("returns an empty list for an essay without comments", async () => {
        expect(await m.comments.getThreadByEssay({ essayPath: "/essays/none" })).toEqual([]);
      });

      it("loads a 5,000-comment thread in one call", async () => {
        const author = await insertUser({ name: "Prolific" });
        const essayPath = "/essays/01/03/busy";
        const { db, schema } = m.client.getDb();
        const rows = Array.from({ length: 5_000 }, (_, i) => ({
          essayPath,
          authorId: author,
          body: `Comment ${i}`,
          bodyHtml: `<p>Comment ${i}</p>`,
          createdAt: at(i * SECOND),
        }));
        for (let i = 0; i < rows.length; i += 500) await db.insert(schema.comments).values(rows.slice(i, i + 500));

        const { result: thread, queries } = await countQueries(() => m.comments.getThreadByEssay({ essayPath }));
        expect(queries).toBe(1);
        expect(thread).toHaveLength(5_000);
        expect(new Set(thread.map((c) => c.authorName))).toEqual(new Set(["Prolific"]));
        expect(buildCommentTree(thread, { order: "newest" })).toHaveLength(5_000);
      });
    });

    describe("comment counts", () => {
      it("counts published, undeleted comments per essay in one grouped query", async () => {
        const author = await insertUser();
        const [a, b] = ["/essays/02/01/counted", "/essays/02/02/counted"];
        await insertRow({ essayPath: a, authorId: author, createdAt: at(0) });
        await insertRow({ essayPath: a, authorId: author, createdAt: at(1) });
        await insertRow({ essayPath: a, authorId: author, status: "hidden", createdAt: at(2) });
        await insertRow({ essayPath: a, authorId: author, status: "pending", createdAt: at(3) });
        await insertRow({ essayPath: a, authorId: author, deletedAt: at(5), createdAt: at(4) });
        await insertRow({ essayPath: b, authorName: "Imported", createdAt: at(0) });
        await insertRow({ essayPath: "/essays/02/03/only-hidden", authorId: author, status: "hidden", createdAt: at(0) });

        const { result: counts, queries } = await countQueries(() => m.comments.getCommentCountsByEssay());
        expect(queries).toBe(1);
        expect(counts[a]).toBe(2);
        expect(counts[b]).toBe(1);
        expect(counts["/essays/02/03/only-hidden"]).toBeUndefined();

        expect(await m.comments.getCommentCountForEssay({ essayPath: a })).toBe(2);
        expect(await m.comments.getCommentCountForEssay({ essayPath: "/essays/none" })).toBe(0);
        // The count agrees with what the thread shows.
        expect(countVisibleComments(await m.comments.getThreadByEssay({ essayPath: a }))).toBe(2);
      });
    });

    describe("getEssayPathsWithCommentsBy", () => {
      it("lists each essay where the reader has a comment once, whatever its state, and no other essay", async () => {
        const author = await insertUser();
        const other = await insertUser();
        await insertRow({ essayPath: "/essays/03/01/a", authorId: author, createdAt: at(0) });
        await insertRow({ essayPath: "/essays/03/01/a", authorId: author, createdAt: at(1) });
        await insertRow({ essayPath: "/essays/03/02/b", authorId: author, status: "hidden", createdAt: at(2) });
        await insertRow({ essayPath: "/essays/03/03/c", authorId: other, createdAt: at(3) });
        const { result, queries } = await countQueries(() => m.comments.getEssayPathsWithCommentsBy({ authorId: author }));
        expect(queries).toBe(1);
        expect([...result].sort()).toEqual(["/essays/03/01/a", "/essays/03/02/b"]);
        expect(await m.comments.getEssayPathsWithCommentsBy({ authorId: await insertUser() })).toEqual([]);
      });
    });

    describe("getCommentById", () => {
      it("returns the fields an edit form and an authorization check need", async () => {
        const author = await insertUser();
        const id = await postOk({ authorId: author, body: "Source *text*", now: at(0) });
        expect(await m.comments.getCommentById({ id })).toEqual({
          id,
          essayPath: "/essays/01/01/post",
          parentId: null,
          authorId: author,
          status: "published",
          deletedAt: null,
          editedAt: null,
          createdAt: at(0),
          retractedAt: null,
          body: "Source *text*",
        });
        expect(await m.comments.getCommentById({ id: 2_000_000_000 })).toBeUndefined();
      });
    });

    describe("getOwnHeldCommentsForEssay", () => {
      it("returns the author's own pending and hidden comments on one essay, with text and reason, in one query", async () => {
        const author = await insertUser({ name: "Held Author" });
        const other = await insertUser();
        const essayPath = "/essays/02/10/held";
        const root = await insertRow({ essayPath, authorId: other, body: "Root", createdAt: at(0) });
        const waiting = await insertRow({ essayPath, authorId: author, parentId: root, body: "Waiting", status: "pending", createdAt: at(2_000) });
        const removed = await insertRow({
          essayPath,
          authorId: author,
          body: "Removed",
          status: "hidden",
          moderationReason: "Off topic",
          editedAt: at(4_000),
          createdAt: at(1_000),
        });
        await insertRow({ essayPath, authorId: author, body: "Visible", createdAt: at(3_000) });
        await insertRow({ essayPath, authorId: author, body: "Gone", status: "pending", deletedAt: at(5_000), createdAt: at(3_500) });
        await insertRow({ essayPath, authorId: other, body: "Someone else's", status: "pending", createdAt: at(3_600) });
        await insertRow({ essayPath: "/essays/02/11/elsewhere", authorId: author, body: "Elsewhere", status: "pending", createdAt: at(3_700) });
        // A stale reason on a pending comment is not the reader's business.
        const stale = await insertRow({ essayPath, authorId: author, body: "Stale", status: "pending", moderationReason: "Old", createdAt: at(6_000) });

        const { result, queries } = await countQueries(() => m.comments.getOwnHeldCommentsForEssay({ essayPath, authorId: author }));
        expect(queries).toBe(1);
        expect(result).toEqual([
          { id: removed, parentId: null, status: "hidden", bodyHtml: "<p>Removed</p>", moderationReason: "Off topic", editedAt: at(4_000), createdAt: at(1_000) },
          { id: waiting, parentId: root, status: "pending", bodyHtml: "<p>Waiting</p>", moderationReason: null, editedAt: null, createdAt: at(2_000) },
          { id: stale, parentId: null, status: "pending", bodyHtml: "<p>Stale</p>", moderationReason: null, editedAt: null, createdAt: at(6_000) },
        ]);
        expect(await m.comments.getOwnHeldCommentsForEssay({ essayPath, authorId: other })).toHaveLength(1);
        expect(await m.comments.getOwnHeldCommentsForEssay({ essayPath: "/essays/none", authorId: author })).toEqual([]);
      });
    });

    describe("insertComment", () => {
      it("posts a comment and a reply, storing what the caller rendered", async () => {
        const author = await insertUser();
        const essayPath = "/essays/03/01/post";
        const root = await post({ authorId: author, essayPath, body: "First", now: at(0) });
        expect(root).toEqual({ ok: true, id: expect.any(Number), duplicate: false });
        if (!root.ok) return;
        const reply = await m.comments.insertComment({
          essayPath,
          parentId: root.id,
          authorId: author,
          body: "Second",
          bodyHtml: "<p>Second</p>",
          renderVersion: 3,
          status: "pending",
          limits,
          now: at(MINUTE),
        });
        expect(reply).toEqual({ ok: true, id: expect.any(Number), duplicate: false });
        const rows = await commentRows({ essayPath });
        expect(rows.map((r) => [r.parentId, r.body, r.bodyHtml, r.renderVersion, r.status, r.createdAt])).toEqual([
          [null, "First", "<p>First</p>", 1, "published", at(0)],
          [root.id, "Second", "<p>Second</p>", 3, "pending", at(MINUTE)],
        ]);
      });

      it("refuses a missing parent or one on another essay, writing nothing", async () => {
        const author = await insertUser();
        const other = await postOk({ authorId: author, essayPath: "/essays/03/02/other", body: "Elsewhere", now: at(0) });
        expect(await post({ authorId: author, essayPath: "/essays/03/02/here", parentId: 2_000_000_000, now: at(MINUTE) })).toEqual({
          ok: false,
          reason: "parent-missing",
        });
        expect(await post({ authorId: author, essayPath: "/essays/03/02/here", parentId: other, now: at(MINUTE) })).toEqual({
          ok: false,
          reason: "parent-other-essay",
        });
        expect(await commentRows({ authorId: author })).toHaveLength(1);
      });

      it("treats the same text posted twice within 10 minutes as one comment, without using up the limit", async () => {
        const author = await insertUser();
        const tight = { perMinute: 2, perDay: 10 };
        const first = await post({ authorId: author, body: "Twice", limits: tight, now: at(0) });
        if (!first.ok) throw new Error("first post refused");
        for (const ms of [1, 2, 3]) {
          expect(await post({ authorId: author, body: "Twice", limits: tight, now: at(ms * SECOND) })).toEqual({ ok: true, id: first.id, duplicate: true });
        }
        expect(await commentRows({ authorId: author })).toHaveLength(1);
        expect(await post({ authorId: author, body: "Another", limits: tight, now: at(4 * SECOND) })).toMatchObject({ ok: true, duplicate: false });
        expect(await post({ authorId: author, body: "Third", limits: tight, now: at(5 * SECOND) })).toMatchObject({ ok: false, reason: "rate-limited" });
      });

      it("posts the same text again when it differs in place, time or was deleted", async () => {
        const author = await insertUser();
        const first = await postOk({ authorId: author, body: "Same", now: at(0) });
        const asReply = await post({ authorId: author, body: "Same", parentId: first, now: at(MINUTE) });
        expect(asReply).toMatchObject({ ok: true, duplicate: false });
        const otherEssay = await post({ authorId: author, body: "Same", essayPath: "/essays/03/03/other", now: at(2 * MINUTE) });
        expect(otherEssay).toMatchObject({ ok: true, duplicate: false });
        const later = await post({ authorId: author, body: "Same", now: at(10 * MINUTE + 1) });
        expect(later).toMatchObject({ ok: true, duplicate: false });
        if (!later.ok) return;
        expect(await m.comments.softDeleteComment({ id: later.id, authorId: author, now: at(11 * MINUTE) })).toEqual({ ok: true });
        expect(await post({ authorId: author, body: "Same", now: at(12 * MINUTE) })).toMatchObject({ ok: true, duplicate: false });
        expect(await commentRows({ authorId: author })).toHaveLength(5);
      });

      it("stores one comment when the same form is submitted many times at once", async () => {
        const author = await insertUser();
        const results = await Promise.all(Array.from({ length: 6 }, () => post({ authorId: author, body: "Impatient clicks" })));
        const ids = new Set(results.map((result) => (result.ok ? result.id : -1)));
        expect(ids.size).toBe(1);
        expect(results.filter((result) => result.ok && !result.duplicate)).toHaveLength(1);
        expect(await commentRows({ authorId: author })).toHaveLength(1);
      });

      it("limits comments per minute, says when to retry, and writes nothing when refusing", async () => {
        const author = await insertUser();
        const tight = { perMinute: 3, perDay: 100 };
        for (const s of [0, 1, 2]) await postOk({ authorId: author, body: `m${s}`, limits: tight, now: at(s * SECOND) });
        expect(await post({ authorId: author, body: "m3", limits: tight, now: at(3 * SECOND) })).toEqual({
          ok: false,
          reason: "rate-limited",
          retryAfterMs: 57 * SECOND,
        });
        expect(await commentRows({ authorId: author })).toHaveLength(3);
        // The first comment leaves the window at exactly 60 s.
        expect(await post({ authorId: author, body: "m4", limits: tight, now: at(MINUTE - 1) })).toEqual({ ok: false, reason: "rate-limited", retryAfterMs: 1 });
        expect(await post({ authorId: author, body: "m5", limits: tight, now: at(MINUTE) })).toMatchObject({ ok: true });
        // Other readers are not affected.
        const other = await insertUser();
        expect(await post({ authorId: other, body: "m3", limits: tight, now: at(3 * SECOND) })).toMatchObject({ ok: true });
      });

      it("limits comments per day, counting deleted ones too", async () => {
        const author = await insertUser();
        const tight = { perMinute: 2, perDay: 4 };
        const ids: number[] = [];
        for (const minute of [0, 10, 20, 30]) ids.push(await postOk({ authorId: author, body: `d${minute}`, limits: tight, now: at(minute * MINUTE) }));
        await m.comments.softDeleteComment({ id: ids[3]!, authorId: author, now: at(31 * MINUTE) });
        expect(await post({ authorId: author, body: "d40", limits: tight, now: at(40 * MINUTE) })).toEqual({
          ok: false,
          reason: "rate-limited",
          retryAfterMs: DAY - 40 * MINUTE,
        });
        expect(await commentRows({ authorId: author })).toHaveLength(4);
        expect(await post({ authorId: author, body: "next day", limits: tight, now: at(DAY) })).toMatchObject({ ok: true });
      });

      it("reports the longer wait when both limits are reached", async () => {
        const author = await insertUser();
        const tight = { perMinute: 2, perDay: 2 };
        await postOk({ authorId: author, body: "a", limits: tight, now: at(0) });
        await postOk({ authorId: author, body: "b", limits: tight, now: at(SECOND) });
        expect(await post({ authorId: author, body: "c", limits: tight, now: at(2 * SECOND) })).toEqual({
          ok: false,
          reason: "rate-limited",
          retryAfterMs: DAY - 2 * SECOND,
        });
      });

      it("never lets concurrent posts by one reader past the limit", async () => {
        const author = await insertUser();
        // On PostgreSQL half the posts come from a second instance with its own pool.
        const second = target.dialect === "postgres" ? await loadModules(databaseUrl) : m;
        if (second !== m) extraInstances.push(second);
        const results = await Promise.all(
          Array.from({ length: 12 }, (_, i) =>
            (i % 2 ? second : m).comments.insertComment({
              essayPath: "/essays/03/04/burst",
              parentId: null,
              authorId: author,
              body: `Burst ${i}`,
              bodyHtml: `<p>Burst ${i}</p>`,
              renderVersion: 1,
              status: "published",
              limits: { perMinute: 3, perDay: 100 },
            }),
          ),
        );
        expect(results.filter((result) => result.ok)).toHaveLength(3);
        expect(results.filter((result) => !result.ok && result.reason === "rate-limited")).toHaveLength(9);
        expect(await commentRows({ authorId: author })).toHaveLength(3);
      });

      it("reads every check in one query, so a post is one read and one write", async () => {
        const author = await insertUser();
        const root = await postOk({ authorId: author, body: "Counted root", now: at(0) });
        // Only SQLite counts statements inside a transaction (PostgreSQL's run on a checked-out client).
        if (target.dialect === "sqlite") {
          const { result, queries } = await countQueries(() => post({ authorId: author, parentId: root, body: "Counted reply", now: at(SECOND) }));
          expect(result).toMatchObject({ ok: true, duplicate: false });
          expect(queries).toBe(2);
        }
      });

      it("posts again on a reopened database (prepared queries belong to the connection they were made on)", async () => {
        const author = await insertUser();
        const root = await postOk({ authorId: author, body: "Before reopening", now: at(0) });
        await m.client.closeDb();
        const reply = await postOk({ authorId: author, parentId: root, body: "After reopening", now: at(SECOND) });
        expect((await commentRows({ authorId: author })).map((row) => [row.id, row.parentId, row.body])).toEqual([
          [root, null, "Before reopening"],
          [reply, root, "After reopening"],
        ]);
      });

      it("refuses an author who is not a user, writing nothing", async () => {
        await expect(post({ authorId: "no-such-user", essayPath: "/essays/03/05/ghost" })).rejects.toThrow();
        expect(await commentRows({ essayPath: "/essays/03/05/ghost" })).toEqual([]);
      });

      it("refuses nonsensical limits", async () => {
        const author = await insertUser();
        await expect(post({ authorId: author, limits: { perMinute: 0, perDay: 5 } })).rejects.toThrow(RangeError);
      });
    });

    describe("updateCommentBody", () => {
      it("lets only the author edit, keeping every earlier version", async () => {
        const author = await insertUser();
        const stranger = await insertUser();
        const id = await postOk({ authorId: author, body: "Version 1", now: at(0) });
        const edit = (values: { authorId: string; body: string; now: Date }) =>
          m.comments.updateCommentBody({ id, bodyHtml: `<p>${values.body}</p>`, renderVersion: 2, ...values });

        expect(await edit({ authorId: stranger, body: "Defaced", now: at(MINUTE) })).toEqual({ ok: false, reason: "not-author" });
        expect(await edit({ authorId: author, body: "Version 2", now: at(2 * MINUTE) })).toEqual({ ok: true });
        expect(await edit({ authorId: author, body: "Version 3", now: at(3 * MINUTE) })).toEqual({ ok: true });
        // The same text again changes nothing and keeps no revision.
        expect(await edit({ authorId: author, body: "Version 3", now: at(4 * MINUTE) })).toEqual({ ok: true });

        expect(await m.comments.getCommentById({ id })).toMatchObject({ body: "Version 3", editedAt: at(3 * MINUTE) });
        const [row] = await commentRows({ authorId: author });
        expect(row).toMatchObject({ bodyHtml: "<p>Version 3</p>", renderVersion: 2 });
        expect(await m.comments.getCommentRevisions({ commentId: id })).toEqual([
          { id: expect.any(Number), body: "Version 1", bodyHtml: "<p>Version 1</p>", writtenAt: at(0), replacedAt: at(2 * MINUTE) },
          { id: expect.any(Number), body: "Version 2", bodyHtml: "<p>Version 2</p>", writtenAt: at(2 * MINUTE), replacedAt: at(3 * MINUTE) },
        ]);

        const thread = await m.comments.getThreadByEssay({ essayPath: "/essays/01/01/post" });
        expect(thread.find((c) => c.id === id)).toMatchObject({ bodyHtml: "<p>Version 3</p>", editedAt: at(3 * MINUTE) });
      });

      it("refuses unknown and deleted comments", async () => {
        const author = await insertUser();
        const id = await postOk({ authorId: author, body: "Soon gone", now: at(0) });
        await m.comments.softDeleteComment({ id, authorId: author, now: at(MINUTE) });
        const values = { authorId: author, body: "Back", bodyHtml: "<p>Back</p>", renderVersion: 1 };
        expect(await m.comments.updateCommentBody({ id, ...values })).toEqual({ ok: false, reason: "deleted" });
        expect(await m.comments.updateCommentBody({ id: 2_000_000_000, ...values })).toEqual({ ok: false, reason: "not-found" });
        expect(await m.comments.getCommentRevisions({ commentId: id })).toEqual([]);
      });

      it("loses no text when edits arrive at once", async () => {
        const author = await insertUser();
        const id = await postOk({ authorId: author, body: "Original" });
        const bodies = Array.from({ length: 6 }, (_, i) => `Edit ${i}`);
        const results = await Promise.all(
          bodies.map((body) => m.comments.updateCommentBody({ id, authorId: author, body, bodyHtml: `<p>${body}</p>`, renderVersion: 1 })),
        );
        expect(results.every((result) => result.ok)).toBe(true);
        const revisions = await m.comments.getCommentRevisions({ commentId: id });
        const current = await m.comments.getCommentById({ id });
        expect([...revisions.map((r) => r.body), current?.body].sort()).toEqual(["Original", ...bodies].sort());
      });
    });

    describe("softDeleteComment", () => {
      it("lets only the author delete, keeps the row and its text, and can be repeated", async () => {
        const author = await insertUser();
        const stranger = await insertUser();
        const essayPath = "/essays/04/01/deleted";
        const id = await postOk({ authorId: author, essayPath, body: "Second thoughts", now: at(0) });
        const reply = await postOk({ authorId: stranger, essayPath, parentId: id, body: "Too late", now: at(MINUTE) });

        expect(await m.comments.softDeleteComment({ id, authorId: stranger, now: at(2 * MINUTE) })).toEqual({ ok: false, reason: "not-author" });
        expect((await m.comments.getCommentById({ id }))?.deletedAt).toBeNull();

        expect(await m.comments.softDeleteComment({ id, authorId: author, now: at(3 * MINUTE) })).toEqual({ ok: true });
        expect(await m.comments.softDeleteComment({ id, authorId: author, now: at(4 * MINUTE) })).toEqual({ ok: true });
        expect(await m.comments.getCommentById({ id })).toMatchObject({ body: "Second thoughts", deletedAt: at(3 * MINUTE) });
        expect(await m.comments.softDeleteComment({ id: 2_000_000_000, authorId: author })).toEqual({ ok: false, reason: "not-found" });

        const thread = await m.comments.getThreadByEssay({ essayPath });
        expect(thread.map((c) => [c.id, c.deleted, c.bodyHtml])).toEqual([
          [id, true, null],
          [reply, false, "<p>Too late</p>"],
        ]);
        expect(await m.comments.getCommentCountForEssay({ essayPath })).toBe(1);
      });
    });

    describe("when a reader's account is deleted", () => {
      it("keeps their comments, shown by stored name or as a former reader", async () => {
        const { db, schema } = m.client.getDb();
        const leaving = await insertUser({ name: "Leaving" });
        const essayPath = "/essays/05/01/gone";
        const id = await postOk({ authorId: leaving, essayPath, body: "Still worth reading", now: at(0) });
        const named = await insertRow({ essayPath, authorId: leaving, authorName: "Known as L", createdAt: at(MINUTE) });
        await m.comments.updateCommentBody({ id, authorId: leaving, body: "Edited", bodyHtml: "<p>Edited</p>", renderVersion: 1, now: at(2 * MINUTE) });

        await db.delete(schema.users).where(eq(schema.users.id, leaving));

        expect((await m.comments.getCommentById({ id }))?.authorId).toBeNull();
        const thread = await m.comments.getThreadByEssay({ essayPath });
        expect(thread.map((c) => [c.id, c.authorId, c.authorName, c.authorImage, c.bodyHtml])).toEqual([
          [id, null, "a former reader", null, "<p>Edited</p>"],
          [named, null, "Known as L", null, "<p>text</p>"],
        ]);
        expect(await m.comments.getCommentRevisions({ commentId: id })).toHaveLength(1);
        // Nobody can act as the missing author.
        expect(await m.comments.softDeleteComment({ id, authorId: leaving })).toEqual({ ok: false, reason: "not-author" });
      });
    });
  });
}
