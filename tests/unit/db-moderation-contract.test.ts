// The moderation queries (db/queries/moderation.ts, moderation-lists.ts) and the users queries
// they rely on, run against SQLite (a temp file) and a real PostgreSQL server, the same way as
// tests/unit/db-comments-contract.test.ts. Rules: docs/decisions/011-moderation.md.
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCommentTree } from "@/lib/comments/build-tree";
import { closeInstances, contractTargets, countQueries, loadWithDatabaseUrl, migratedDatabase, rawExec } from "../support/contract-databases";

// Upper case on purpose: env.js lower-cases the list, and the match ignores case.
const ADMIN_EMAILS = "mira@example.org, Otto.Second@Example.org, unverified.admin@example.org";

/** A fresh copy of the db modules (own env, own connection), as one app instance would have. */
async function loadModules(databaseUrl: string) {
  const [client, migrate, comments, users, moderation, lists] = await loadWithDatabaseUrl(
    databaseUrl,
    () =>
      Promise.all([
        import("@/db/client"),
        import("@/db/migrate"),
        import("@/db/queries/comments"),
        import("@/db/queries/users"),
        import("@/db/queries/moderation"),
        import("@/db/queries/moderation-lists"),
      ]),
    { ADMIN_EMAILS },
  );
  return { client, migrate, comments, users, moderation, lists };
}
type Modules = Awaited<ReturnType<typeof loadModules>>;

const targets = contractTargets("essays-moderation-db-");

const base = new Date("2030-01-01T00:00:00.000Z");
const at = (ms: number) => new Date(base.getTime() + ms);
const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;

for (const target of targets) {
  describe.skipIf(target.skip)(`moderation queries on ${target.dialect}`, () => {
    let databaseUrl: string;
    let m: Modules;
    let mira: { id: string; name: string };
    let otto: { id: string; name: string };

    beforeAll(async () => {
      ({ databaseUrl, m } = await migratedDatabase(target, loadModules));
      mira = { id: await insertUser({ email: "Mira@Example.org", name: "Mira Moderator", verified: true }), name: "Mira Moderator" };
      otto = { id: await insertUser({ email: "otto.second@example.org", displayName: "Otto", verified: true }), name: "Otto" };
    });

    afterAll(() => closeInstances([m]));

    let userCounter = 0;
    async function insertUser(values: { name?: string | null; email?: string | null; displayName?: string | null; verified?: boolean } = {}) {
      const { db, schema } = m.client.getDb();
      userCounter++;
      const { verified, ...rest } = values;
      const [row] = await db
        .insert(schema.users)
        .values({ email: `reader${userCounter}@example.org`, ...rest, emailVerified: verified ? base : null })
        .returning({ id: schema.users.id });
      if (!row) throw new Error("insert returned no row");
      return row.id;
    }

    async function insertComment(values: {
      essayPath: string;
      authorId?: string | null;
      parentId?: number | null;
      body?: string;
      status?: "published" | "pending" | "hidden";
      moderationReason?: string | null;
      deletedAt?: Date | null;
      createdAt?: Date;
    }) {
      const { db, schema } = m.client.getDb();
      const body = values.body ?? "Some words";
      const [row] = await db
        .insert(schema.comments)
        .values({ bodyHtml: `<p>${body}</p>`, createdAt: base, ...values, body })
        .returning({ id: schema.comments.id });
      if (!row) throw new Error("insert returned no row");
      return row.id;
    }

    async function commentRow(id: number) {
      const { db, schema } = m.client.getDb();
      const [row] = await db.select().from(schema.comments).where(eq(schema.comments.id, id));
      return row;
    }

    async function logEntries() {
      const { db, schema } = m.client.getDb();
      return db.select().from(schema.moderationLog).orderBy(asc(schema.moderationLog.id));
    }

    /** Runs fn and returns the log entries it appended. */
    async function newLogEntries(fn: () => Promise<unknown>) {
      const before = (await logEntries()).length;
      await fn();
      return (await logEntries()).slice(before);
    }

    let essayCounter = 0;
    const newEssay = () => `/moderation/01/01/essay-${++essayCounter}`;

    describe("users", () => {
      it("getUserAuthorityById returns the address and its verification for the server, with the display name", async () => {
        const id = await insertUser({ email: "ada@example.org", name: "Ada", verified: true });
        expect(await m.users.getUserAuthorityById({ id })).toEqual({ id, displayName: "Ada", email: "ada@example.org", emailVerified: base });
        expect(await m.users.getUserAuthorityById({ id: "no-such-user" })).toBeUndefined();
      });

      it("markUserEmailVerified sets a missing date only", async () => {
        const id = await insertUser({ email: "grace@example.org" });
        expect(await m.users.markUserEmailVerified({ userId: id, now: at(MINUTE) })).toEqual({ updated: true });
        expect(await m.users.markUserEmailVerified({ userId: id, now: at(2 * MINUTE) })).toEqual({ updated: false });
        expect((await m.users.getUserAuthorityById({ id }))?.emailVerified).toEqual(at(MINUTE));
        expect(await m.users.markUserEmailVerified({ userId: "no-such-user" })).toEqual({ updated: false });
      });
    });

    describe("authorization inside every mutating query", () => {
      it("refuses readers, unverified admin addresses and unknown ids, changing nothing and logging nothing", async () => {
        const essayPath = newEssay();
        const author = await insertUser();
        const published = await insertComment({ essayPath, authorId: author });
        const pending = await insertComment({ essayPath, authorId: author, status: "pending" });
        const hidden = await insertComment({ essayPath, authorId: author, status: "hidden", moderationReason: "Spam" });
        const reporter = await insertUser();
        const report = await m.moderation.reportComment({ commentId: published, reporterId: reporter, reason: "Rude" });
        if (!report.ok) throw new Error("report refused");
        const bannedAlready = await insertUser();
        await m.moderation.banUser({ userId: bannedAlready, actor: mira, reason: "Spam", endsAt: null, hideComments: false });
        await m.moderation.lockThread({ essayPath: "/moderation/locked", actor: mira });

        const reader = { id: await insertUser({ name: "Plain Reader", verified: true }), name: "Plain Reader" };
        const unverified = { id: await insertUser({ email: "unverified.admin@example.org" }), name: "Not Yet" };
        const unknown = { id: "no-such-user", name: "Ghost" };
        const before = await logEntries();
        for (const actor of [reader, unverified, unknown]) {
          const refused = { ok: false, reason: "not-moderator" };
          expect(await m.moderation.hideComment({ commentId: published, actor, reason: "Spam" })).toEqual(refused);
          expect(await m.moderation.restoreComment({ commentId: hidden, actor })).toEqual(refused);
          expect(await m.moderation.approveComment({ commentId: pending, actor })).toEqual(refused);
          expect(await m.moderation.lockThread({ essayPath, actor })).toEqual(refused);
          expect(await m.moderation.unlockThread({ essayPath: "/moderation/locked", actor })).toEqual(refused);
          expect(await m.moderation.banUser({ userId: author, actor, reason: "Spam", endsAt: null, hideComments: true })).toEqual(refused);
          expect(await m.moderation.unbanUser({ userId: bannedAlready, actor })).toEqual(refused);
          expect(await m.moderation.resolveReport({ reportId: report.reportId, actor, resolution: "Fine" })).toEqual(refused);
        }
        expect(await logEntries()).toEqual(before);
        expect((await commentRow(published))?.status).toBe("published");
        expect((await commentRow(pending))?.status).toBe("pending");
        expect((await commentRow(hidden))?.status).toBe("hidden");
        expect(await m.moderation.getThreadLock({ essayPath })).toBeUndefined();
        expect(await m.moderation.getThreadLock({ essayPath: "/moderation/locked" })).toBeDefined();
        expect(await m.moderation.getActiveBan({ userId: author })).toBeUndefined();
        expect(await m.moderation.getActiveBan({ userId: bannedAlready })).toBeDefined();
        expect(await m.lists.listOpenReports({ limit: 200 })).toContainEqual(expect.objectContaining({ id: report.reportId }));
        await m.moderation.unlockThread({ essayPath: "/moderation/locked", actor: mira });
      });
    });

    describe("hideComment and restoreComment", () => {
      it("hides with a reason and restores, keeping the text, one log entry per change", async () => {
        const essayPath = newEssay();
        const author = await insertUser({ name: "Author" });
        const root = await insertComment({ essayPath, authorId: author, body: "A sharp remark" });
        const reply = await insertComment({ essayPath, authorId: author, parentId: root, body: "A reply", createdAt: at(MINUTE) });

        const hideLog = await newLogEntries(async () => {
          expect(await m.moderation.hideComment({ commentId: root, actor: mira, reason: "Personal attack", now: at(2 * MINUTE) })).toEqual({
            ok: true,
            changed: true,
            essayPath,
            authorId: author,
          });
        });
        expect(hideLog).toEqual([
          {
            id: expect.any(Number),
            actorId: mira.id,
            actorName: "Mira Moderator",
            action: "hide",
            commentId: root,
            essayPath,
            targetUserId: author,
            reason: "Personal attack",
            createdAt: at(2 * MINUTE),
          },
        ]);
        // Nothing is deleted: the text stays in the database.
        expect(await commentRow(root)).toMatchObject({ status: "hidden", moderationReason: "Personal attack", body: "A sharp remark", bodyHtml: "<p>A sharp remark</p>" });

        // The public thread: a tombstone with the reason, no text; counts leave it out.
        const thread = await m.comments.getThreadByEssay({ essayPath });
        expect(thread.map((c) => [c.id, c.status, c.bodyHtml, c.moderationReason])).toEqual([
          [root, "hidden", null, "Personal attack"],
          [reply, "published", "<p>A reply</p>", null],
        ]);
        expect(buildCommentTree(thread, { order: "oldest" })[0]?.tombstone).toBe("hidden");
        expect(await m.comments.getCommentCountForEssay({ essayPath })).toBe(1);
        expect((await m.comments.getCommentCountsByEssay())[essayPath]).toBe(1);

        // Hiding again changes nothing, keeps the first reason, logs nothing.
        expect(
          await newLogEntries(async () => {
            expect(await m.moderation.hideComment({ commentId: root, actor: otto, reason: "Spam" })).toEqual({ ok: true, changed: false, essayPath, authorId: author });
          }),
        ).toEqual([]);
        expect((await commentRow(root))?.moderationReason).toBe("Personal attack");

        const restoreLog = await newLogEntries(async () => {
          expect(await m.moderation.restoreComment({ commentId: root, actor: otto, now: at(3 * MINUTE) })).toEqual({
            ok: true,
            changed: true,
            essayPath,
            authorId: author,
          });
        });
        expect(restoreLog).toEqual([expect.objectContaining({ action: "restore", actorName: "Otto", commentId: root, reason: null, createdAt: at(3 * MINUTE) })]);
        expect(await commentRow(root)).toMatchObject({ status: "published", moderationReason: null, body: "A sharp remark" });
        // The log keeps the reason the comment no longer carries; the hide entry is untouched.
        expect((await logEntries()).find((entry) => entry.id === hideLog[0]!.id)).toEqual(hideLog[0]);

        expect(await newLogEntries(() => m.moderation.restoreComment({ commentId: root, actor: otto }))).toEqual([]);
        expect(await m.moderation.restoreComment({ commentId: root, actor: otto })).toEqual({ ok: true, changed: false, essayPath, authorId: author });
        expect(await m.comments.getCommentCountForEssay({ essayPath })).toBe(2);
      });

      it("hides a pending comment (rejects it); restoring a pending one is refused; unknown ids are not found", async () => {
        const essayPath = newEssay();
        const author = await insertUser();
        const waiting = await insertComment({ essayPath, authorId: author, status: "pending" });
        const other = await insertComment({ essayPath, authorId: author, status: "pending" });
        expect(await newLogEntries(() => m.moderation.restoreComment({ commentId: waiting, actor: mira }))).toEqual([]);
        expect(await m.moderation.restoreComment({ commentId: waiting, actor: mira })).toEqual({ ok: false, reason: "pending" });
        expect(await m.moderation.hideComment({ commentId: other, actor: mira, reason: "Spam" })).toMatchObject({ ok: true, changed: true });
        expect((await commentRow(other))?.status).toBe("hidden");
        expect(await m.moderation.hideComment({ commentId: 2_000_000_000, actor: mira, reason: "Spam" })).toEqual({ ok: false, reason: "not-found" });
        expect(await m.moderation.restoreComment({ commentId: 2_000_000_000, actor: mira })).toEqual({ ok: false, reason: "not-found" });
      });

      it("hides once when many moderators hide the same comment at once", async () => {
        const essayPath = newEssay();
        const id = await insertComment({ essayPath, authorId: await insertUser() });
        const log = await newLogEntries(async () => {
          const results = await Promise.all(
            Array.from({ length: 6 }, (_, i) => m.moderation.hideComment({ commentId: id, actor: i % 2 ? mira : otto, reason: `Reason ${i}` })),
          );
          expect(results.filter((result) => result.ok && result.changed)).toHaveLength(1);
        });
        expect(log).toHaveLength(1);
        expect((await commentRow(id))?.moderationReason).toBe(log[0]?.reason);
      });
    });

    describe("approveComment", () => {
      it("publishes a pending comment, approves its author once, and returns what notifications need", async () => {
        const essayPath = newEssay();
        const author = await insertUser();
        const root = await insertComment({ essayPath, authorId: author });
        const first = await insertComment({ essayPath, authorId: author, parentId: root, status: "pending" });
        const second = await insertComment({ essayPath, authorId: author, status: "pending" });
        expect(await m.moderation.getCommenterStanding({ userId: author })).toEqual({ approved: false });

        const log = await newLogEntries(async () => {
          expect(await m.moderation.approveComment({ commentId: first, actor: mira, now: at(MINUTE) })).toEqual({
            ok: true,
            changed: true,
            comment: { id: first, essayPath, parentId: root, authorId: author },
          });
        });
        expect(log).toEqual([expect.objectContaining({ action: "approve", commentId: first, essayPath, targetUserId: author, actorName: "Mira Moderator" })]);
        expect((await commentRow(first))?.status).toBe("published");
        expect(await m.moderation.getCommenterStanding({ userId: author })).toEqual({ approved: true });

        // Approving again: nothing changes, nobody is to be notified, nothing is logged.
        expect(await newLogEntries(() => m.moderation.approveComment({ commentId: first, actor: mira }))).toEqual([]);
        expect(await m.moderation.approveComment({ commentId: first, actor: mira })).toEqual({
          ok: true,
          changed: false,
          comment: { id: first, essayPath, parentId: root, authorId: author },
        });

        // A later approval keeps the first approval's date.
        await m.moderation.approveComment({ commentId: second, actor: otto, now: at(DAY) });
        const { db, schema } = m.client.getDb();
        const [user] = await db.select({ approvedAt: schema.users.commentsApprovedAt }).from(schema.users).where(eq(schema.users.id, author));
        expect(user?.approvedAt).toEqual(at(MINUTE));
      });

      it("refuses hidden, author-deleted and unknown comments without logging", async () => {
        const essayPath = newEssay();
        const author = await insertUser();
        const hidden = await insertComment({ essayPath, authorId: author, status: "hidden" });
        const deleted = await insertComment({ essayPath, authorId: author, status: "pending", deletedAt: base });
        const log = await newLogEntries(async () => {
          expect(await m.moderation.approveComment({ commentId: hidden, actor: mira })).toEqual({ ok: false, reason: "hidden" });
          expect(await m.moderation.approveComment({ commentId: deleted, actor: mira })).toEqual({ ok: false, reason: "deleted" });
          expect(await m.moderation.approveComment({ commentId: 2_000_000_000, actor: mira })).toEqual({ ok: false, reason: "not-found" });
        });
        expect(log).toEqual([]);
        expect((await commentRow(deleted))?.status).toBe("pending");
        expect(await m.moderation.getCommenterStanding({ userId: author })).toEqual({ approved: false });
      });
    });

    describe("thread locks", () => {
      it("locks and unlocks, each change logged once, repeats changing nothing", async () => {
        const essayPath = newEssay();
        expect(await m.moderation.getThreadLock({ essayPath })).toBeUndefined();
        const lockLog = await newLogEntries(async () => {
          expect(await m.moderation.lockThread({ essayPath, actor: mira, reason: "Heated", now: at(MINUTE) })).toEqual({ ok: true, changed: true });
          expect(await m.moderation.lockThread({ essayPath, actor: otto, reason: "Again" })).toEqual({ ok: true, changed: false });
        });
        expect(lockLog).toEqual([expect.objectContaining({ action: "lock", essayPath, reason: "Heated", commentId: null, targetUserId: null })]);
        expect(await m.moderation.getThreadLock({ essayPath })).toEqual({ essayPath, reason: "Heated", lockedAt: at(MINUTE) });
        expect(await m.moderation.getLockedEssayPaths()).toContain(essayPath);

        const unlockLog = await newLogEntries(async () => {
          expect(await m.moderation.unlockThread({ essayPath, actor: otto })).toEqual({ ok: true, changed: true });
          expect(await m.moderation.unlockThread({ essayPath, actor: otto })).toEqual({ ok: true, changed: false });
        });
        expect(unlockLog).toEqual([expect.objectContaining({ action: "unlock", essayPath, actorName: "Otto" })]);
        expect(await m.moderation.getThreadLock({ essayPath })).toBeUndefined();
        expect(await m.moderation.getLockedEssayPaths()).not.toContain(essayPath);
      });
    });

    describe("posting standing", () => {
      it("tells lock, ban, approval, moderator role and an accepted name in one query, as the separate queries do", async () => {
        const essayPath = newEssay();
        const reader = await insertUser();
        const banned = await insertUser();
        const now = at(DAY);
        const { db, schema } = m.client.getDb();
        // An address in ADMIN_EMAILS that was never verified (an earlier test may have made its user).
        const unverifiedEmail = "unverified.admin@example.org";
        const [existing] = await db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, unverifiedEmail));
        const unverified = existing?.id ?? (await insertUser({ email: unverifiedEmail }));
        await db.insert(schema.bans).values({ userId: banned, reason: "Spam", endsAt: at(2 * DAY), createdAt: base });
        await db.update(schema.users).set({ commentsApprovedAt: base, nameConfirmedAt: base }).where(eq(schema.users.id, reader));

        const { result, queries } = await countQueries(() => m.moderation.getPostingStanding({ userId: reader, essayPath, now }));
        expect(queries).toBe(1);
        expect(result).toEqual({ approved: true, threadLocked: false, moderator: false, nameConfirmed: true });
        expect(await m.moderation.getPostingStanding({ userId: banned, essayPath, now })).toEqual({
          ban: { reason: "Spam", endsAt: at(2 * DAY) },
          approved: false,
          threadLocked: false,
          moderator: false,
          nameConfirmed: false,
        });
        // The same (prepared) query at another time: the ban has ended by then.
        expect(await m.moderation.getPostingStanding({ userId: banned, essayPath, now: at(3 * DAY) })).toEqual({
          approved: false,
          threadLocked: false,
          moderator: false,
          nameConfirmed: false,
        });
        expect(await m.moderation.getPostingStanding({ userId: mira.id, essayPath, now })).toMatchObject({ moderator: true, threadLocked: false });
        expect(await m.moderation.getPostingStanding({ userId: unverified, essayPath, now })).toMatchObject({ moderator: false });

        await m.moderation.lockThread({ essayPath, actor: mira });
        expect(await m.moderation.getPostingStanding({ userId: reader, essayPath, now })).toMatchObject({ threadLocked: true });
        expect(await m.moderation.getPostingStanding({ userId: reader, essayPath: newEssay(), now })).toMatchObject({ threadLocked: false });
        expect(await m.moderation.getPostingStanding({ userId: "no-such-user", essayPath, now })).toEqual({
          approved: false,
          threadLocked: true,
          moderator: false,
          nameConfirmed: false,
        });
        for (const userId of [reader, banned, mira.id]) {
          expect(await m.moderation.getPostingStanding({ userId, essayPath, now })).toMatchObject(
            await m.moderation.getCommenterStanding({ userId, now }),
          );
        }
      });
    });

    describe("bans", () => {
      it("computes the active ban from end dates and lifting, in one query for posting", async () => {
        const forever = await insertUser();
        const future = await insertUser();
        const past = await insertUser();
        const lifted = await insertUser();
        const never = await insertUser();
        const now = at(10 * DAY);
        const { db, schema } = m.client.getDb();
        await db.insert(schema.bans).values([
          { userId: forever, reason: "Forever", endsAt: null, createdAt: base },
          { userId: future, reason: "Until later", endsAt: at(11 * DAY), createdAt: base },
          { userId: past, reason: "Served", endsAt: at(9 * DAY), createdAt: base },
          { userId: lifted, reason: "Lifted", endsAt: null, createdAt: base, liftedAt: at(DAY), liftedBy: mira.id },
        ]);

        expect(await m.moderation.getActiveBan({ userId: forever, now })).toMatchObject({ reason: "Forever", endsAt: null });
        expect(await m.moderation.getActiveBan({ userId: future, now })).toMatchObject({ reason: "Until later", endsAt: at(11 * DAY) });
        // The end date is exclusive: at that moment the ban is over.
        expect(await m.moderation.getActiveBan({ userId: future, now: at(11 * DAY) })).toBeUndefined();
        expect(await m.moderation.getActiveBan({ userId: past, now })).toBeUndefined();
        expect(await m.moderation.getActiveBan({ userId: lifted, now })).toBeUndefined();
        expect(await m.moderation.getActiveBan({ userId: never, now })).toBeUndefined();

        const { result, queries } = await countQueries(() => m.moderation.getCommenterStanding({ userId: future, now }));
        expect(queries).toBe(1);
        expect(result).toEqual({ ban: { reason: "Until later", endsAt: at(11 * DAY) }, approved: false });
        expect(await m.moderation.getCommenterStanding({ userId: forever, now })).toEqual({ ban: { reason: "Forever", endsAt: null }, approved: false });
        expect(await m.moderation.getCommenterStanding({ userId: past, now })).toEqual({ approved: false });
        expect(await m.moderation.getCommenterStanding({ userId: lifted, now })).toEqual({ approved: false });
        expect(await m.moderation.getCommenterStanding({ userId: "no-such-user", now })).toEqual({ approved: false });

        // Two active bans (only possible by hand): the longest one counts.
        await db.insert(schema.bans).values({ userId: future, reason: "Shorter", endsAt: at(10 * DAY + MINUTE), createdAt: at(DAY) });
        expect(await m.moderation.getCommenterStanding({ userId: future, now })).toMatchObject({ ban: { reason: "Until later" } });
        await db.insert(schema.bans).values({ userId: future, reason: "No end", endsAt: null, createdAt: at(DAY) });
        expect(await m.moderation.getActiveBan({ userId: future, now })).toMatchObject({ reason: "No end" });
      });

      it("bans and unbans, keeping the ban row, one log entry each", async () => {
        const reader = await insertUser({ name: "Troll" });
        const banLog = await newLogEntries(async () => {
          expect(
            await m.moderation.banUser({ userId: reader, actor: mira, reason: "Spam", endsAt: at(5 * DAY), hideComments: false, now: at(DAY) }),
          ).toEqual({ ok: true, banId: expect.any(Number), hiddenCount: 0, essayPaths: [] });
        });
        expect(banLog).toEqual([
          expect.objectContaining({ action: "ban", targetUserId: reader, reason: `Spam (until ${at(5 * DAY).toISOString()})`, commentId: null }),
        ]);
        expect(await m.moderation.getActiveBan({ userId: reader, now: at(2 * DAY) })).toMatchObject({ reason: "Spam", endsAt: at(5 * DAY), createdAt: at(DAY) });

        const refusals = await newLogEntries(async () => {
          expect(await m.moderation.banUser({ userId: reader, actor: otto, reason: "Again", endsAt: null, hideComments: true, now: at(2 * DAY) })).toEqual({
            ok: false,
            reason: "already-banned",
          });
          expect(await m.moderation.banUser({ userId: mira.id, actor: mira, reason: "Me", endsAt: null, hideComments: false })).toEqual({ ok: false, reason: "self" });
          expect(await m.moderation.banUser({ userId: "no-such-user", actor: mira, reason: "Who", endsAt: null, hideComments: false })).toEqual({
            ok: false,
            reason: "not-found",
          });
          const other = await insertUser();
          expect(await m.moderation.banUser({ userId: other, actor: mira, reason: "Late", endsAt: at(DAY), hideComments: false, now: at(DAY) })).toEqual({
            ok: false,
            reason: "ends-in-past",
          });
        });
        expect(refusals).toEqual([]);

        const unbanLog = await newLogEntries(async () => {
          expect(await m.moderation.unbanUser({ userId: reader, actor: otto, reason: "Apologised", now: at(3 * DAY) })).toEqual({ ok: true, changed: true });
          expect(await m.moderation.unbanUser({ userId: reader, actor: otto, now: at(3 * DAY) })).toEqual({ ok: true, changed: false });
        });
        expect(unbanLog).toEqual([expect.objectContaining({ action: "unban", targetUserId: reader, actorName: "Otto", reason: "Apologised" })]);
        expect(await m.moderation.getActiveBan({ userId: reader, now: at(3 * DAY) })).toBeUndefined();
        const { db, schema } = m.client.getDb();
        expect(await db.select().from(schema.bans).where(eq(schema.bans.userId, reader))).toEqual([
          expect.objectContaining({ reason: "Spam", liftedAt: at(3 * DAY), liftedBy: otto.id, createdBy: mira.id }),
        ]);
        // A ban after the lift is a new row.
        expect(await m.moderation.banUser({ userId: reader, actor: mira, reason: "Relapse", endsAt: null, hideComments: false, now: at(4 * DAY) })).toMatchObject({
          ok: true,
        });
        expect(await db.select().from(schema.bans).where(eq(schema.bans.userId, reader))).toHaveLength(2);
      });

      it("bans and hides everything the reader wrote in one transaction, logging each hidden comment, deleting nothing", async () => {
        const [a, b] = [newEssay(), newEssay()];
        const troll = await insertUser({ name: "Troll" });
        const bystander = await insertUser();
        const ids = [
          await insertComment({ essayPath: a, authorId: troll, body: "One" }),
          await insertComment({ essayPath: a, authorId: troll, body: "Two", status: "pending" }),
          await insertComment({ essayPath: b, authorId: troll, body: "Three", deletedAt: base }),
        ];
        const alreadyHidden = await insertComment({ essayPath: b, authorId: troll, body: "Four", status: "hidden", moderationReason: "Spam" });
        const innocent = await insertComment({ essayPath: a, authorId: bystander, body: "Innocent" });

        let banId = 0;
        const log = await newLogEntries(async () => {
          const result = await m.moderation.banUser({ userId: troll, actor: mira, reason: "Harassment", endsAt: null, hideComments: true, now: at(MINUTE) });
          expect(result).toEqual({ ok: true, banId: expect.any(Number), hiddenCount: 3, essayPaths: [a, b].sort() });
          if (result.ok) banId = result.banId;
        });
        expect(banId).toBeGreaterThan(0);
        expect(log.map((entry) => [entry.action, entry.commentId, entry.targetUserId, entry.reason])).toEqual([
          ["ban", null, troll, "Harassment"],
          ...ids.map((id) => ["hide", id, troll, "Harassment"]),
        ]);
        for (const [i, id] of ids.entries()) {
          expect(await commentRow(id)).toMatchObject({ status: "hidden", moderationReason: "Harassment", body: ["One", "Two", "Three"][i] });
        }
        expect(await commentRow(alreadyHidden)).toMatchObject({ status: "hidden", moderationReason: "Spam", body: "Four" });
        expect(await commentRow(innocent)).toMatchObject({ status: "published", body: "Innocent" });
        expect(await commentRow(ids[2]!)).toMatchObject({ deletedAt: base });

        // Lifting the ban leaves the comments hidden: each is restored on its own.
        await m.moderation.unbanUser({ userId: troll, actor: mira });
        expect((await commentRow(ids[0]!))?.status).toBe("hidden");
      });

      it("hides thousands of comments with a ban (log entries written in chunks)", async () => {
        const essayPath = newEssay();
        const prolific = await insertUser();
        const { db, schema } = m.client.getDb();
        const rows = Array.from({ length: 1_203 }, (_, i) => ({ essayPath, authorId: prolific, body: `c${i}`, bodyHtml: `<p>c${i}</p>` }));
        for (let i = 0; i < rows.length; i += 400) await db.insert(schema.comments).values(rows.slice(i, i + 400));
        const log = await newLogEntries(async () => {
          expect(await m.moderation.banUser({ userId: prolific, actor: mira, reason: "Flood", endsAt: null, hideComments: true })).toMatchObject({
            ok: true,
            hiddenCount: 1_203,
            essayPaths: [essayPath],
          });
        });
        expect(log).toHaveLength(1_204);
        expect(await m.comments.getCommentCountForEssay({ essayPath })).toBe(0);
      });

      it("bans once when two moderators ban the same reader at once", async () => {
        const reader = await insertUser();
        const results = await Promise.all([
          m.moderation.banUser({ userId: reader, actor: mira, reason: "A", endsAt: null, hideComments: false }),
          m.moderation.banUser({ userId: reader, actor: otto, reason: "B", endsAt: null, hideComments: false }),
          m.moderation.banUser({ userId: reader, actor: mira, reason: "C", endsAt: null, hideComments: false }),
        ]);
        expect(results.filter((result) => result.ok)).toHaveLength(1);
        const { db, schema } = m.client.getDb();
        expect(await db.select().from(schema.bans).where(eq(schema.bans.userId, reader))).toHaveLength(1);
      });
    });

    describe("the log entry shares the change's transaction", () => {
      it("rolls back the change when the log entry cannot be written", async () => {
        // A trigger refuses log entries by one actor name: the change before it must not survive.
        await rawExec(databaseUrl, {
          sqlite: [
            "CREATE TRIGGER refuse_saboteur BEFORE INSERT ON moderation_log WHEN NEW.actor_name = 'Saboteur' BEGIN SELECT RAISE(ABORT, 'log refused'); END",
          ],
          pg: [
            "CREATE FUNCTION refuse_saboteur() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN IF NEW.actor_name = 'Saboteur' THEN RAISE EXCEPTION 'log refused'; END IF; RETURN NEW; END $$",
            "CREATE TRIGGER refuse_saboteur BEFORE INSERT ON moderation_log FOR EACH ROW EXECUTE FUNCTION refuse_saboteur()",
          ],
        });
        try {
          const saboteur = { id: mira.id, name: "Saboteur" };
          const essayPath = newEssay();
          const author = await insertUser();
          const published = await insertComment({ essayPath, authorId: author });
          const pending = await insertComment({ essayPath, authorId: author, status: "pending" });
          const hidden = await insertComment({ essayPath, authorId: author, status: "hidden", moderationReason: "Spam" });
          const report = await m.moderation.reportComment({ commentId: published, reporterId: otto.id, reason: "Rude" });
          if (!report.ok) throw new Error("report refused");
          await m.moderation.lockThread({ essayPath: `${essayPath}-locked`, actor: mira });
          const bannedAlready = await insertUser();
          await m.moderation.banUser({ userId: bannedAlready, actor: mira, reason: "Spam", endsAt: null, hideComments: false });
          const before = await logEntries();

          await expect(m.moderation.hideComment({ commentId: published, actor: saboteur, reason: "Spam" })).rejects.toThrow();
          await expect(m.moderation.restoreComment({ commentId: hidden, actor: saboteur })).rejects.toThrow();
          await expect(m.moderation.approveComment({ commentId: pending, actor: saboteur })).rejects.toThrow();
          await expect(m.moderation.lockThread({ essayPath, actor: saboteur })).rejects.toThrow();
          await expect(m.moderation.unlockThread({ essayPath: `${essayPath}-locked`, actor: saboteur })).rejects.toThrow();
          await expect(m.moderation.banUser({ userId: author, actor: saboteur, reason: "Spam", endsAt: null, hideComments: true })).rejects.toThrow();
          await expect(m.moderation.unbanUser({ userId: bannedAlready, actor: saboteur })).rejects.toThrow();
          await expect(m.moderation.resolveReport({ reportId: report.reportId, actor: saboteur, resolution: "Fine" })).rejects.toThrow();

          expect(await logEntries()).toEqual(before);
          expect((await commentRow(published))?.status).toBe("published");
          expect(await commentRow(hidden)).toMatchObject({ status: "hidden", moderationReason: "Spam" });
          expect((await commentRow(pending))?.status).toBe("pending");
          expect(await m.moderation.getCommenterStanding({ userId: author })).toEqual({ approved: false });
          expect(await m.moderation.getThreadLock({ essayPath })).toBeUndefined();
          expect(await m.moderation.getThreadLock({ essayPath: `${essayPath}-locked` })).toBeDefined();
          expect(await m.moderation.getActiveBan({ userId: bannedAlready })).toBeDefined();
          expect(await m.lists.listOpenReports({ limit: 200 })).toContainEqual(expect.objectContaining({ id: report.reportId }));
        } finally {
          await rawExec(databaseUrl, {
            sqlite: ["DROP TRIGGER refuse_saboteur"],
            pg: ["DROP TRIGGER refuse_saboteur ON moderation_log", "DROP FUNCTION refuse_saboteur()"],
          });
        }
      });
    });

    describe("reports", () => {
      it("lets each reader report a visible comment once, and logs nothing for a report", async () => {
        const essayPath = newEssay();
        const author = await insertUser();
        const comment = await insertComment({ essayPath, authorId: author });
        const hidden = await insertComment({ essayPath, authorId: author, status: "hidden" });
        const pending = await insertComment({ essayPath, authorId: author, status: "pending" });
        const deleted = await insertComment({ essayPath, authorId: author, deletedAt: base });
        const [first, second] = [await insertUser(), await insertUser()];

        const log = await newLogEntries(async () => {
          expect(await m.moderation.reportComment({ commentId: comment, reporterId: first, reason: "Rude" })).toEqual({
            ok: true,
            reportId: expect.any(Number),
            essayPath,
          });
          expect(await m.moderation.reportComment({ commentId: comment, reporterId: first, reason: "Still rude" })).toEqual({ ok: false, reason: "already-reported" });
          expect(await m.moderation.reportComment({ commentId: comment, reporterId: second, reason: "Spam" })).toMatchObject({ ok: true });
          for (const id of [hidden, pending, deleted, 2_000_000_000]) {
            expect(await m.moderation.reportComment({ commentId: id, reporterId: first, reason: "x" })).toEqual({ ok: false, reason: "not-found" });
          }
        });
        expect(log).toEqual([]);
        const { db, schema } = m.client.getDb();
        expect(await db.select().from(schema.reports).where(eq(schema.reports.commentId, comment))).toHaveLength(2);
      });

      it("stores one report when a reader sends it many times at once", async () => {
        const comment = await insertComment({ essayPath: newEssay(), authorId: await insertUser() });
        const reporter = await insertUser();
        const results = await Promise.all(Array.from({ length: 5 }, () => m.moderation.reportComment({ commentId: comment, reporterId: reporter, reason: "Spam" })));
        expect(results.filter((result) => result.ok)).toHaveLength(1);
        expect(results.filter((result) => !result.ok && result.reason === "already-reported")).toHaveLength(4);
      });

      it("resolves a report once, with its resolution logged", async () => {
        const essayPath = newEssay();
        const author = await insertUser();
        const comment = await insertComment({ essayPath, authorId: author });
        const report = await m.moderation.reportComment({ commentId: comment, reporterId: await insertUser(), reason: "Rude" });
        if (!report.ok) throw new Error("report refused");
        const log = await newLogEntries(async () => {
          expect(await m.moderation.resolveReport({ reportId: report.reportId, actor: otto, resolution: "No rule broken", now: at(MINUTE) })).toEqual({
            ok: true,
            changed: true,
            commentId: comment,
            essayPath,
          });
          expect(await m.moderation.resolveReport({ reportId: report.reportId, actor: mira, resolution: "Other words" })).toEqual({
            ok: true,
            changed: false,
            commentId: comment,
            essayPath,
          });
          expect(await m.moderation.resolveReport({ reportId: 2_000_000_000, actor: mira, resolution: "x" })).toEqual({ ok: false, reason: "not-found" });
        });
        expect(log).toEqual([
          expect.objectContaining({ action: "resolve-report", commentId: comment, essayPath, targetUserId: author, reason: "No rule broken", actorName: "Otto" }),
        ]);
        const { db, schema } = m.client.getDb();
        expect(await db.select().from(schema.reports).where(eq(schema.reports.id, report.reportId))).toEqual([
          expect.objectContaining({ resolvedAt: at(MINUTE), resolvedBy: otto.id, resolution: "No rule broken" }),
        ]);
        expect(await m.lists.listOpenReports({ limit: 200 })).not.toContainEqual(expect.objectContaining({ id: report.reportId }));
      });
    });

    describe("lists for the admin page", () => {
      it("list comments, reports, bans and the log in one query each, with names and never an e-mail address", async () => {
        const { db, schema } = m.client.getDb();
        // A clean slate for exact expectations (this suite has its own database).
        for (const table of [schema.moderationLog, schema.reports, schema.bans, schema.threadLocks]) await db.delete(table);
        await db.delete(schema.comments);

        const essayA = "/lists/01/01/a";
        const essayB = "/lists/01/02/b";
        const named = await insertUser({ email: "named.person@example.org", displayName: "Named Person" });
        const local = await insertUser({ email: "local.part@example.org" });
        const reporter = await insertUser({ email: "reporter.person@example.org", name: "Rita Reporter" });
        const published = await insertComment({ essayPath: essayA, authorId: named, body: "Published words", createdAt: at(1 * MINUTE) });
        const pending = await insertComment({ essayPath: essayA, authorId: local, body: "Waiting words", status: "pending", createdAt: at(2 * MINUTE) });
        const hidden = await insertComment({ essayPath: essayB, authorId: local, body: "Hidden words", createdAt: at(3 * MINUTE) });
        const deleted = await insertComment({ essayPath: essayB, authorId: named, body: "Deleted words", deletedAt: at(5 * MINUTE), createdAt: at(4 * MINUTE) });
        const imported = await insertComment({ essayPath: essayB, body: "Imported words", createdAt: at(0) });
        await m.moderation.hideComment({ commentId: hidden, actor: mira, reason: "Off topic", now: at(10 * MINUTE) });
        await m.moderation.reportComment({ commentId: published, reporterId: reporter, reason: "Rude", now: at(11 * MINUTE) });
        await m.moderation.reportComment({ commentId: published, reporterId: local, reason: "Mean", now: at(12 * MINUTE) });
        await m.moderation.banUser({ userId: local, actor: otto, reason: "Spam", endsAt: at(400 * DAY), hideComments: false, now: at(13 * MINUTE) });
        await m.moderation.lockThread({ essayPath: essayA, actor: mira, reason: "Heated", now: at(14 * MINUTE) });
        const now = at(DAY);

        const all = await countQueries(() => m.lists.listRecentComments({ limit: 50, now }));
        expect(all.queries).toBe(1);
        expect(all.result.map((c) => [c.id, c.status])).toEqual([
          [deleted, "deleted"],
          [hidden, "hidden"],
          [pending, "pending"],
          [published, "published"],
          [imported, "published"],
        ]);
        expect(all.result.find((c) => c.id === published)).toEqual({
          id: published,
          essayPath: essayA,
          parentId: null,
          authorId: named,
          authorName: "Named Person",
          bodyHtml: "<p>Published words</p>",
          status: "published",
          moderationReason: null,
          createdAt: at(MINUTE),
          editedAt: null,
          openReports: 2,
          authorBanned: false,
        });
        // Moderators read what they judge, hidden and deleted text included.
        expect(all.result.find((c) => c.id === hidden)).toMatchObject({ authorName: "Reader", bodyHtml: "<p>Hidden words</p>", moderationReason: "Off topic", authorBanned: true });
        expect(all.result.find((c) => c.id === deleted)?.bodyHtml).toBe("<p>Deleted words</p>");
        expect(all.result.find((c) => c.id === imported)).toMatchObject({ authorId: null, authorName: "a former reader", authorBanned: false });

        const ids = async (filter: Parameters<typeof m.lists.listRecentComments>[0]) => (await m.lists.listRecentComments({ now, ...filter })).map((c) => c.id);
        expect(await ids({ limit: 50, essayPath: essayB })).toEqual([deleted, hidden, imported]);
        expect(await ids({ limit: 50, status: "published" })).toEqual([published, imported]);
        expect(await ids({ limit: 50, status: "pending" })).toEqual([pending]);
        expect(await ids({ limit: 50, status: "hidden" })).toEqual([hidden]);
        expect(await ids({ limit: 50, status: "deleted" })).toEqual([deleted]);
        expect(await ids({ limit: 50, essayPath: essayA, status: "hidden" })).toEqual([]);
        expect(await ids({ limit: 2, offset: 1 })).toEqual([hidden, pending]);

        const queue = await countQueries(() => m.lists.listPendingComments({ limit: 50, now }));
        expect(queue.queries).toBe(1);
        expect(queue.result.map((c) => [c.id, c.authorName, c.authorBanned])).toEqual([[pending, "Reader", true]]);

        const reports = await countQueries(() => m.lists.listOpenReports({ limit: 50, now }));
        expect(reports.queries).toBe(1);
        expect(reports.result.map((r) => [r.reporterName, r.reason, r.reportCount, r.comment.id, r.comment.essayPath, r.createdAt])).toEqual([
          ["Rita Reporter", "Rude", 2, published, essayA, at(11 * MINUTE)],
          ["Reader", "Mean", 2, published, essayA, at(12 * MINUTE)],
        ]);

        const bans = await countQueries(() => m.lists.listActiveBans({ limit: 50, now }));
        expect(bans.queries).toBe(1);
        expect(bans.result).toEqual([
          { id: expect.any(Number), userId: local, userName: "Reader", reason: "Spam", endsAt: at(400 * DAY), createdAt: at(13 * MINUTE), createdByName: "Otto" },
        ]);
        expect(await m.lists.listActiveBans({ limit: 50, now: at(401 * DAY) })).toEqual([]);

        const log = await countQueries(() => m.lists.listModerationLog({ limit: 50 }));
        expect(log.queries).toBe(1);
        expect(log.result.map((entry) => [entry.action, entry.actorName, entry.targetUserName, entry.essayPath, entry.commentId, entry.reason])).toEqual([
          ["lock", "Mira Moderator", null, essayA, null, "Heated"],
          ["ban", "Otto", "Reader", null, null, `Spam (until ${at(400 * DAY).toISOString()})`],
          ["hide", "Mira Moderator", "Reader", essayB, hidden, "Off topic"],
        ]);
        expect((await m.lists.listModerationLog({ limit: 1, offset: 1 })).map((entry) => entry.action)).toEqual(["ban"]);

        for (const list of [all.result, queue.result, reports.result, bans.result, log.result]) {
          expect(JSON.stringify(list)).not.toContain("@");
        }
      });

      it("lists a page of a large log in one query", async () => {
        const essayPath = newEssay();
        for (let i = 0; i < 30; i++) await m.moderation.lockThread({ essayPath: `${essayPath}-${i}`, actor: mira, now: at(DAY + i * MINUTE) });
        const { result, queries } = await countQueries(() => m.lists.listModerationLog({ limit: 10, offset: 5 }));
        expect(queries).toBe(1);
        expect(result.map((entry) => entry.essayPath)).toEqual(Array.from({ length: 10 }, (_, i) => `${essayPath}-${24 - i}`));
      });
    });
  });
}
