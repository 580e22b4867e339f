// A reader's own data: the download (getReaderExport) and leaving (deleteAccount), run against
// SQLite (a temp file) and a real PostgreSQL server, the same way as tests/unit/db-contract.test.ts.
import { eq, inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCommentTree } from "@/lib/comments/build-tree";
import { closeInstances, contractTargets, countQueries, loadWithDatabaseUrl, migratedDatabase, rawExec } from "../support/contract-databases";

/** A fresh copy of the db modules (own env, own connection), as one app instance would have. */
async function loadModules(databaseUrl: string) {
  const [client, migrate, account, comments] = await loadWithDatabaseUrl(databaseUrl, () =>
    Promise.all([import("@/db/client"), import("@/db/migrate"), import("@/db/queries/account"), import("@/db/queries/comments")]),
  );
  return { client, migrate, account, comments };
}
type Modules = Awaited<ReturnType<typeof loadModules>>;

const targets = contractTargets("essays-account-db-");

const base = new Date("2030-03-01T00:00:00.000Z");
const at = (ms: number) => new Date(base.getTime() + ms);

for (const target of targets) {
  describe.skipIf(target.skip)(`reader data on ${target.dialect}`, () => {
    let databaseUrl: string;
    let m: Modules;

    beforeAll(async () => ({ databaseUrl, m } = await migratedDatabase(target, loadModules)));
    afterAll(() => closeInstances([m]));

    let scenarioCounter = 0;

    /**
     * A reader with everything an account can have, and another reader they talk to, on two
     * essays of their own (so scenarios do not see each other's rows):
     *   essayA: A (reader, edited once) ← B (other) ← C (reader); E (reader, pending); F (reader, deleted earlier)
     *   essayB: D (reader)
     */
    async function seedScenario() {
      scenarioCounter++;
      const n = scenarioCounter;
      const { db, schema } = m.client.getDb();
      const email = `leaving${n}@example.org`;
      const [reader] = await db
        .insert(schema.users)
        .values({ name: `Leaving Reader ${n}`, email, displayName: `Leaver${n}`, image: "https://img.example/me.png", notify: "threads", createdAt: at(0) })
        .returning({ id: schema.users.id });
      const [other] = await db
        .insert(schema.users)
        .values({ name: `Staying Reader ${n}`, email: `staying${n}@example.org`, createdAt: at(0) })
        .returning({ id: schema.users.id });
      if (!reader || !other) throw new Error("insert returned no row");

      await db.insert(schema.accounts).values({ userId: reader.id, type: "oidc", provider: "mock", providerAccountId: `sub-${n}`, access_token: "secret" });
      await db.insert(schema.sessions).values({ sessionToken: `session-${n}`, userId: reader.id, expires: at(86_400_000) });
      await db.insert(schema.sessions).values({ sessionToken: `session-other-${n}`, userId: other.id, expires: at(86_400_000) });
      await db.insert(schema.verificationTokens).values({ identifier: email, token: `token-${n}`, expires: at(86_400_000) });
      await db.insert(schema.rateLimitHits).values({ bucket: "sign-in-email", key: email, at: at(0) });
      await db.insert(schema.outbox).values({ kind: "reply", dedupeKey: `reply:${n}`, toAddress: email, subject: "s", text: "t", html: "<p>t</p>" });

      const essayA = `/essays/0${n}/01/leaving`;
      const essayB = `/essays/0${n}/02/leaving`;
      const insert = async (values: { essayPath: string; parentId?: number; authorId: string; body: string; status?: "pending"; deletedAt?: Date; createdAt: Date }) => {
        const [row] = await db
          .insert(schema.comments)
          .values({ bodyHtml: `<p>${values.body}</p>`, ...values })
          .returning({ id: schema.comments.id });
        if (!row) throw new Error("insert returned no row");
        return row.id;
      };
      const a = await insert({ essayPath: essayA, authorId: reader.id, body: "First thoughts", createdAt: at(1_000) });
      const edit = await m.comments.updateCommentBody({ id: a, authorId: reader.id, body: "Second thoughts", bodyHtml: "<p>Second thoughts</p>", renderVersion: 1, now: at(2_000) });
      expect(edit).toEqual({ ok: true });
      const b = await insert({ essayPath: essayA, parentId: a, authorId: other.id, body: "A reply", createdAt: at(3_000) });
      const c = await insert({ essayPath: essayA, parentId: b, authorId: reader.id, body: "A reply to the reply", createdAt: at(4_000) });
      const d = await insert({ essayPath: essayB, authorId: reader.id, body: "On another essay", createdAt: at(5_000) });
      const e = await insert({ essayPath: essayA, authorId: reader.id, body: "Waiting for a moderator", status: "pending", createdAt: at(6_000) });
      const f = await insert({ essayPath: essayA, authorId: reader.id, body: "Regretted", deletedAt: at(7_500), createdAt: at(7_000) });

      const [filed] = await db
        .insert(schema.reports)
        .values({ commentId: b, reporterId: reader.id, reason: "Off topic", createdAt: at(8_000) })
        .returning({ id: schema.reports.id });
      await db.insert(schema.reports).values({ commentId: a, reporterId: other.id, reason: "Rude", createdAt: at(8_500) });
      await db.insert(schema.bans).values({ userId: reader.id, reason: "Cooling off", createdBy: other.id, createdAt: at(9_000) });
      await db.insert(schema.bans).values({ userId: other.id, reason: "Spam", createdBy: reader.id, createdAt: at(9_100) });
      await db.insert(schema.threadLocks).values({ essayPath: essayB, lockedBy: reader.id, lockedAt: at(9_200) });
      await db.insert(schema.moderationLog).values({ actorId: reader.id, actorName: `Leaver${n}`, action: "ban", targetUserId: other.id, createdAt: at(9_300) });
      // The reader's votes on the other's reply (both axes), and the other's vote on the reader's comment.
      await db.insert(schema.commentVotes).values([
        { commentId: b, voterId: reader.id, axis: "value", value: "down", reason: "off-topic", createdAt: at(9_400), updatedAt: at(9_400) },
        { commentId: b, voterId: reader.id, axis: "stance", value: "agree", createdAt: at(9_500), updatedAt: at(9_600) },
        { commentId: a, voterId: other.id, axis: "value", value: "up", createdAt: at(9_700), updatedAt: at(9_700) },
      ]);
      if (!filed) throw new Error("insert returned no row");
      return { reader: reader.id, other: other.id, email, essayA, essayB, ids: { a, b, c, d, e, f }, filedReport: filed.id, n };
    }

    type Scenario = Awaited<ReturnType<typeof seedScenario>>;

    async function snapshot(s: Scenario) {
      const { db, schema } = m.client.getDb();
      const commentIds = Object.values(s.ids);
      return {
        users: await db.select().from(schema.users).where(inArray(schema.users.id, [s.reader, s.other])).orderBy(schema.users.id),
        sessions: await db.select().from(schema.sessions).where(inArray(schema.sessions.userId, [s.reader, s.other])).orderBy(schema.sessions.sessionToken),
        accounts: await db.select().from(schema.accounts).where(eq(schema.accounts.userId, s.reader)),
        tokens: await db.select().from(schema.verificationTokens).where(eq(schema.verificationTokens.identifier, s.email)),
        hits: await db.select().from(schema.rateLimitHits).where(eq(schema.rateLimitHits.key, s.email)),
        outbox: await db.select().from(schema.outbox).where(eq(schema.outbox.toAddress, s.email)),
        comments: await db.select().from(schema.comments).where(inArray(schema.comments.id, commentIds)).orderBy(schema.comments.id),
        revisions: await db.select().from(schema.commentRevisions).where(inArray(schema.commentRevisions.commentId, commentIds)),
        reports: await db.select().from(schema.reports).where(inArray(schema.reports.commentId, commentIds)).orderBy(schema.reports.id),
        bans: await db.select().from(schema.bans).where(inArray(schema.bans.userId, [s.reader, s.other])).orderBy(schema.bans.id),
        locks: await db.select().from(schema.threadLocks).where(eq(schema.threadLocks.essayPath, s.essayB)),
        log: await db.select().from(schema.moderationLog).where(eq(schema.moderationLog.targetUserId, s.other)),
        votes: await db.select().from(schema.commentVotes).where(inArray(schema.commentVotes.commentId, commentIds)).orderBy(schema.commentVotes.id),
      };
    }

    describe("getReaderExport", () => {
      it("holds the profile, every comment in every state with its earlier versions and retractions, the reports filed, the votes and the Δs, in one query per table", async () => {
        const s = await seedScenario();
        const { result, queries } = await countQueries(() => m.account.getReaderExport({ userId: s.reader }));
        // users, comments, revisions, retractions, reports, votes, Δs given, Δs received.
        expect(queries).toBe(8);
        expect(result?.profile).toEqual({
          id: s.reader,
          displayName: `Leaver${s.n}`,
          chosenDisplayName: `Leaver${s.n}`,
          name: `Leaving Reader ${s.n}`,
          email: s.email,
          emailVerified: null,
          image: "https://img.example/me.png",
          notify: "threads",
          createdAt: at(0),
        });
        expect(result?.comments.map((c) => [c.id, c.essayPath, c.parentId, c.body, c.status, c.deletedAt])).toEqual([
          [s.ids.a, s.essayA, null, "Second thoughts", "published", null],
          [s.ids.c, s.essayA, s.ids.b, "A reply to the reply", "published", null],
          [s.ids.d, s.essayB, null, "On another essay", "published", null],
          [s.ids.e, s.essayA, null, "Waiting for a moderator", "pending", null],
          [s.ids.f, s.essayA, null, "Regretted", "published", at(7_500)],
        ]);
        const first = result?.comments[0];
        expect(first?.editedAt).toEqual(at(2_000));
        expect(first?.revisions).toEqual([{ body: "First thoughts", writtenAt: at(1_000), replacedAt: at(2_000) }]);
        expect(result?.comments.slice(1).every((c) => c.revisions.length === 0)).toBe(true);
        // Reports they filed, not reports about them; nobody else's words.
        expect(result?.reports).toEqual([
          { id: s.filedReport, commentId: s.ids.b, reason: "Off topic", createdAt: at(8_000), resolvedAt: null, resolution: null },
        ]);
        // Votes they cast, not votes on their comments.
        expect(result?.votes).toEqual([
          { commentId: s.ids.b, essayPath: s.essayA, axis: "value", value: "down", reason: "off-topic", createdAt: at(9_400), updatedAt: at(9_400) },
          { commentId: s.ids.b, essayPath: s.essayA, axis: "stance", value: "agree", reason: null, createdAt: at(9_500), updatedAt: at(9_600) },
        ]);
        expect(JSON.stringify(result)).not.toMatch(/A reply"|Rude|staying/);
      });

      it("is undefined for an unknown user", async () => {
        expect(await m.account.getReaderExport({ userId: "no-such-user" })).toBeUndefined();
      });
    });

    describe("deleteAccount", () => {
      it("keeping comments: personal data goes, the comments stay in their threads as \"a former reader\"", async () => {
        const s = await seedScenario();
        const result = await m.account.deleteAccount({ userId: s.reader, deleteComments: false, now: at(10_000) });
        expect(result).toEqual({ ok: true, essayPaths: [s.essayA, s.essayB].sort(), comments: 5 });

        const after = await snapshot(s);
        expect(after.users.map((u) => u.id)).toEqual([s.other]);
        expect(after.sessions.map((row) => row.sessionToken)).toEqual([`session-other-${s.n}`]);
        expect(after.accounts).toEqual([]);
        expect(after.tokens).toEqual([]);
        expect(after.hits).toEqual([]);
        expect(after.outbox).toEqual([]);
        // Bans against them and reports they filed go with the account (ON DELETE CASCADE);
        // what they did as a moderator stays, unsigned (ON DELETE SET NULL).
        expect(after.bans.map((ban) => [ban.userId, ban.createdBy])).toEqual([[s.other, null]]);
        expect(after.reports.map((report) => [report.commentId, report.reporterId])).toEqual([[s.ids.a, s.other]]);
        expect(after.locks.map((lock) => lock.lockedBy)).toEqual([null]);
        expect(after.log.map((entry) => entry.actorId)).toEqual([null]);
        // Their votes go; the other reader's vote on their comment stays.
        expect(after.votes.map((vote) => [vote.commentId, vote.voterId, vote.axis])).toEqual([[s.ids.a, s.other, "value"]]);
        // Their words are unchanged, their name is gone.
        const mine = after.comments.filter((c) => c.id !== s.ids.b);
        expect(mine.every((c) => c.authorId === null && c.authorName === null)).toBe(true);
        expect(after.comments.find((c) => c.id === s.ids.a)?.body).toBe("Second thoughts");
        expect(after.comments.find((c) => c.id === s.ids.b)?.authorId).toBe(s.other);
        expect(after.comments.find((c) => c.id === s.ids.f)?.deletedAt).toEqual(at(7_500));
        expect(after.revisions).toHaveLength(1);

        const thread = await m.comments.getThreadByEssay({ essayPath: s.essayA });
        expect(thread.map((c) => [c.id, c.authorName, c.bodyHtml])).toEqual([
          [s.ids.a, "a former reader", "<p>Second thoughts</p>"],
          [s.ids.b, `Staying Reader ${s.n}`, "<p>A reply</p>"],
          [s.ids.c, "a former reader", "<p>A reply to the reply</p>"],
          [s.ids.f, "a former reader", null],
        ]);
        expect(JSON.stringify(thread)).not.toContain("Leav");
      });

      it("deleting comments: their text is purged, replies keep their place under a tombstone", async () => {
        const s = await seedScenario();
        const result = await m.account.deleteAccount({ userId: s.reader, deleteComments: true, now: at(10_000) });
        expect(result).toEqual({ ok: true, essayPaths: [s.essayA, s.essayB].sort(), comments: 5 });

        const after = await snapshot(s);
        expect(after.users.map((u) => u.id)).toEqual([s.other]);
        expect(after.accounts).toEqual([]);
        expect(after.sessions.map((row) => row.sessionToken)).toEqual([`session-other-${s.n}`]);
        const mine = after.comments.filter((c) => c.id !== s.ids.b);
        expect(mine).toHaveLength(5);
        for (const comment of mine) {
          expect(comment).toMatchObject({ body: "", bodyHtml: "", authorId: null, authorName: null });
          expect(comment.deletedAt).not.toBeNull();
        }
        // An earlier deletion keeps its time; the rest are deleted now.
        expect(after.comments.find((c) => c.id === s.ids.f)?.deletedAt).toEqual(at(7_500));
        expect(after.comments.find((c) => c.id === s.ids.a)?.deletedAt).toEqual(at(10_000));
        expect(after.revisions).toEqual([]);
        expect(after.votes.map((vote) => [vote.commentId, vote.voterId, vote.axis])).toEqual([[s.ids.a, s.other, "value"]]);
        expect(after.comments.find((c) => c.id === s.ids.b)).toMatchObject({ body: "A reply", authorId: s.other, deletedAt: null });

        const thread = await m.comments.getThreadByEssay({ essayPath: s.essayA });
        const tree = buildCommentTree(thread, { order: "oldest" });
        // A is a tombstone holding B; C (theirs, no replies) and E/F are gone from view.
        expect(tree.map((node) => [node.comment.id, node.tombstone])).toEqual([[s.ids.a, "deleted"]]);
        expect(tree[0]!.children.map((node) => [node.comment.id, node.tombstone, node.children.length])).toEqual([[s.ids.b, null, 0]]);
        expect(await m.comments.getThreadByEssay({ essayPath: s.essayB })).toEqual([
          expect.objectContaining({ id: s.ids.d, deleted: true, bodyHtml: null }),
        ]);
        expect(buildCommentTree(await m.comments.getThreadByEssay({ essayPath: s.essayB }), { order: "oldest" })).toEqual([]);
      });

      it("is one transaction: a failure at the last step (the users row) leaves everything as it was", async () => {
        const s = await seedScenario();
        const before = await snapshot(s);
        // A trigger refusing to delete this user: the comment purge and revision deletes ran before it.
        await rawExec(databaseUrl, {
          sqlite: [
            `create trigger refuse_user_delete before delete on users when old.id = '${s.reader}' begin select raise(abort, 'refused by test trigger'); end`,
          ],
          pg: [
            "create function refuse_user_delete() returns trigger language plpgsql as $$ begin raise exception 'refused by test trigger'; end $$",
            `create trigger refuse_user_delete before delete on users for each row when (old.id = '${s.reader}') execute function refuse_user_delete()`,
          ],
        });
        try {
          await expect(m.account.deleteAccount({ userId: s.reader, deleteComments: true, now: at(10_000) })).rejects.toThrow();
        } finally {
          await rawExec(databaseUrl, {
            sqlite: ["drop trigger refuse_user_delete"],
            pg: ["drop trigger refuse_user_delete on users", "drop function refuse_user_delete()"],
          });
        }
        expect(await snapshot(s)).toEqual(before);
        expect(before.comments.find((c) => c.id === s.ids.a)?.body).toBe("Second thoughts");
        expect(before.revisions).toHaveLength(1);
        expect(before.votes).toHaveLength(3);
      });

      it("answers not-found for an unknown user and changes nothing", async () => {
        expect(await m.account.deleteAccount({ userId: "no-such-user", deleteComments: true })).toEqual({ ok: false, reason: "not-found" });
      });
    });
  });
}
