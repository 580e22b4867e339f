// The vote queries (db/queries/votes.ts) and what touches votes elsewhere (moderation, leaving,
// the reader's download, backups), run against SQLite (a temp file) and a real PostgreSQL server,
// the same way as tests/unit/db-comments-contract.test.ts.
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportBackup } from "@/db/backup/export";
import { parseBackup, serializeBackup } from "@/db/backup/format";
import { importBackup } from "@/db/backup/import";
import { openDatabase, type Database } from "@/db/connect";
import { migrateDatabase } from "@/db/migrate";
import { parseDatabaseUrl } from "@/db/url";
import { closeInstances, contractTargets, countQueries, loadWithDatabaseUrl, migratedDatabase } from "../support/contract-databases";

const ADMIN_EMAILS = "mod@example.org";

/** A fresh copy of the db modules (own env, own connection), as one app instance would have. */
async function loadModules(databaseUrl: string) {
  const [client, migrate, votes, moderation, account] = await loadWithDatabaseUrl(
    databaseUrl,
    () =>
      Promise.all([
        import("@/db/client"),
        import("@/db/migrate"),
        import("@/db/queries/votes"),
        import("@/db/queries/moderation"),
        import("@/db/queries/account"),
      ]),
    { ADMIN_EMAILS },
  );
  return { client, migrate, votes, moderation, account };
}
type Modules = Awaited<ReturnType<typeof loadModules>>;
type SetVoteArgs = Parameters<Modules["votes"]["setVote"]>[0];

const targets = contractTargets("essays-votes-db-");

const base = new Date("2030-05-01T00:00:00.000Z");
const at = (ms: number) => new Date(base.getTime() + ms);
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

for (const target of targets) {
  describe.skipIf(target.skip)(`vote queries on ${target.dialect}`, () => {
    let databaseUrl: string;
    let m: Modules;
    const opened: Database[] = [];
    let moderator: { id: string; name: string };

    beforeAll(async () => {
      ({ databaseUrl, m } = await migratedDatabase(target, loadModules));
      moderator = { id: await insertUser({ email: "mod@example.org", displayName: "Mod", verified: true }), name: "Mod" };
    });
    afterAll(async () => {
      for (const database of opened) await database.close();
      await closeInstances([m]);
    });

    let userCounter = 0;
    /** A reader; accounts are a year old unless createdAt says otherwise. */
    async function insertUser(values: { name?: string | null; displayName?: string | null; email?: string; verified?: boolean; createdAt?: Date } = {}) {
      const { db, schema } = m.client.getDb();
      userCounter++;
      const { verified, ...rest } = values;
      const [row] = await db
        .insert(schema.users)
        .values({ email: `voter${userCounter}@example.org`, createdAt: at(-365 * DAY), ...rest, emailVerified: verified ? base : null })
        .returning({ id: schema.users.id });
      if (!row) throw new Error("insert returned no row");
      return row.id;
    }

    let essayCounter = 0;
    const newEssay = () => `/votes/05/01/essay-${++essayCounter}`;

    async function insertComment(values: {
      essayPath: string;
      authorId: string | null;
      parentId?: number | null;
      status?: "published" | "pending" | "hidden";
      deletedAt?: Date | null;
    }) {
      const { db, schema } = m.client.getDb();
      const [row] = await db
        .insert(schema.comments)
        .values({ body: "Words", bodyHtml: "<p>Words</p>", createdAt: base, ...values })
        .returning({ id: schema.comments.id });
      if (!row) throw new Error("insert returned no row");
      return row.id;
    }

    async function votesOn(commentId: number) {
      const { db, schema } = m.client.getDb();
      const { commentVotes } = schema;
      return db.select().from(commentVotes).where(eq(commentVotes.commentId, commentId)).orderBy(asc(commentVotes.id));
    }

    async function allVotes() {
      const { db, schema } = m.client.getDb();
      return db.select().from(schema.commentVotes).orderBy(asc(schema.commentVotes.id));
    }

    /** setVote with defaults for what a test does not care about. */
    function vote(args: Pick<SetVoteArgs, "voterId" | "commentId" | "essayPath"> & Partial<SetVoteArgs>) {
      return m.votes.setVote({ axis: "value", value: "up", reason: null, now: base, ...args });
    }

    async function voteOk(args: Parameters<typeof vote>[0]) {
      const result = await vote(args);
      if (!result.ok) throw new Error(`vote refused: ${result.reason}`);
      return result;
    }

    describe("setVote", () => {
      it("sets, changes and removes a vote, one row per axis, the two axes independent", async () => {
        const essayPath = newEssay();
        const author = await insertUser();
        const voter = await insertUser();
        const commentId = await insertComment({ essayPath, authorId: author });

        expect(await vote({ voterId: voter, commentId, essayPath, value: "up", now: at(1_000) })).toEqual({ ok: true, changed: true, voterSince: at(-365 * DAY) });
        expect(await vote({ voterId: voter, commentId, essayPath, value: "up", now: at(2_000) })).toEqual({ ok: true, changed: false, voterSince: at(-365 * DAY) });
        expect(await vote({ voterId: voter, commentId, essayPath, axis: "stance", value: "disagree", now: at(3_000) })).toEqual({ ok: true, changed: true, voterSince: at(-365 * DAY) });
        expect(await vote({ voterId: voter, commentId, essayPath, value: "down", reason: "repetitive", now: at(4_000) })).toEqual({ ok: true, changed: true, voterSince: at(-365 * DAY) });
        // Another reason is a change too.
        expect(await vote({ voterId: voter, commentId, essayPath, value: "down", reason: "off-topic", now: at(5_000) })).toEqual({ ok: true, changed: true, voterSince: at(-365 * DAY) });

        expect((await votesOn(commentId)).map((row) => [row.voterId, row.axis, row.value, row.reason, row.createdAt, row.updatedAt])).toEqual([
          [voter, "value", "down", "off-topic", at(1_000), at(5_000)],
          [voter, "stance", "disagree", null, at(3_000), at(3_000)],
        ]);

        // Removing one axis leaves the other; removing again changes nothing.
        expect(await vote({ voterId: voter, commentId, essayPath, value: null, now: at(6_000) })).toEqual({ ok: true, changed: true, voterSince: at(-365 * DAY) });
        expect(await vote({ voterId: voter, commentId, essayPath, value: null, now: at(7_000) })).toEqual({ ok: true, changed: false, voterSince: at(-365 * DAY) });
        expect((await votesOn(commentId)).map((row) => [row.axis, row.value])).toEqual([["stance", "disagree"]]);
        expect(await vote({ voterId: voter, commentId, essayPath, axis: "stance", value: "agree", now: at(8_000) })).toEqual({ ok: true, changed: true, voterSince: at(-365 * DAY) });
        expect((await votesOn(commentId)).map((row) => [row.axis, row.value, row.updatedAt])).toEqual([["stance", "agree", at(8_000)]]);
      });

      it("keeps one vote per voter, comment and axis, also when two arrive at once", async () => {
        const essayPath = newEssay();
        const commentId = await insertComment({ essayPath, authorId: await insertUser() });
        const voter = await insertUser();
        const results = await Promise.all([
          vote({ voterId: voter, commentId, essayPath, value: "up" }),
          vote({ voterId: voter, commentId, essayPath, value: "down" }),
          vote({ voterId: voter, commentId, essayPath, value: "up" }),
        ]);
        expect(results.every((result) => result.ok)).toBe(true);
        expect(await votesOn(commentId)).toHaveLength(1);

        const { db, schema } = m.client.getDb();
        const row = { commentId, voterId: voter, axis: "value" as const, value: "down" as const };
        await expect(db.insert(schema.commentVotes).values(row)).rejects.toThrow();
        // The table itself refuses a value of the other axis, and a reason on anything but a 'down'.
        const other = await insertUser();
        await expect(db.insert(schema.commentVotes).values({ commentId, voterId: other, axis: "stance", value: "up" })).rejects.toThrow();
        await expect(db.insert(schema.commentVotes).values({ commentId, voterId: other, axis: "value", value: "up", reason: "off-topic" })).rejects.toThrow();
        expect(await votesOn(commentId)).toHaveLength(1);
      });

      it("refuses, storing nothing and keeping the earlier vote: missing, elsewhere, invisible, own, down on a reply to you, banned", async () => {
        const essayPath = newEssay();
        const author = await insertUser();
        const voter = await insertUser();
        const published = await insertComment({ essayPath, authorId: author });
        const pending = await insertComment({ essayPath, authorId: author, status: "pending" });
        const hidden = await insertComment({ essayPath, authorId: author, status: "hidden" });
        const deleted = await insertComment({ essayPath, authorId: author, deletedAt: base });
        const own = await insertComment({ essayPath, authorId: voter });
        const replyToVoter = await insertComment({ essayPath, authorId: author, parentId: own });
        const replyToOther = await insertComment({ essayPath, authorId: voter, parentId: published });
        const replyToReplyToVoter = await insertComment({ essayPath, authorId: author, parentId: replyToVoter });
        await voteOk({ voterId: voter, commentId: published, essayPath, axis: "stance", value: "agree" });
        const before = await allVotes();

        const refusals: [Parameters<typeof vote>[0], string][] = [
          [{ voterId: voter, commentId: 2_000_000_000, essayPath }, "not-found"],
          [{ voterId: voter, commentId: published, essayPath: "/votes/elsewhere" }, "other-essay"],
          [{ voterId: voter, commentId: published, essayPath: "/votes/elsewhere", axis: "stance", value: null }, "other-essay"],
          [{ voterId: voter, commentId: pending, essayPath }, "not-visible"],
          [{ voterId: voter, commentId: hidden, essayPath }, "not-visible"],
          [{ voterId: voter, commentId: deleted, essayPath, axis: "stance", value: "agree" }, "not-visible"],
          [{ voterId: voter, commentId: own, essayPath }, "own-comment"],
          [{ voterId: voter, commentId: own, essayPath, axis: "stance", value: "agree" }, "own-comment"],
          [{ voterId: voter, commentId: replyToVoter, essayPath, value: "down", reason: "no-argument" }, "down-on-reply-to-you"],
          [{ voterId: author, commentId: replyToOther, essayPath, value: "down" }, "down-on-reply-to-you"],
        ];
        for (const [args, reason] of refusals) expect(await vote(args), reason).toEqual({ ok: false, reason });
        expect(await allVotes()).toEqual(before);

        // Up or a stance on a direct reply to you is fine, and so is a 'down' further down the chain.
        await voteOk({ voterId: voter, commentId: replyToVoter, essayPath, value: "up" });
        await voteOk({ voterId: voter, commentId: replyToVoter, essayPath, axis: "stance", value: "disagree" });
        await voteOk({ voterId: voter, commentId: replyToReplyToVoter, essayPath, value: "down" });
        // The writer of a reply may 'down' the comment it answers.
        await voteOk({ voterId: voter, commentId: published, essayPath, value: "down" });

        // An active ban refuses every vote and every removal; a lifted or ended one does not.
        const { db, schema } = m.client.getDb();
        const afterOk = await allVotes();
        const [ban] = await db.insert(schema.bans).values({ userId: voter, reason: "Spam", endsAt: at(DAY), createdAt: base }).returning({ id: schema.bans.id });
        expect(await vote({ voterId: voter, commentId: published, essayPath })).toEqual({ ok: false, reason: "banned" });
        expect(await vote({ voterId: voter, commentId: published, essayPath, axis: "stance", value: null })).toEqual({ ok: false, reason: "banned" });
        expect(await allVotes()).toEqual(afterOk);
        expect(await vote({ voterId: voter, commentId: published, essayPath, now: at(DAY + 1) })).toEqual({ ok: true, changed: true, voterSince: at(-365 * DAY) });
        await db.update(schema.bans).set({ endsAt: null }).where(eq(schema.bans.id, ban!.id));
        expect(await vote({ voterId: voter, commentId: published, essayPath, value: null, now: at(2 * DAY) })).toEqual({ ok: false, reason: "banned" });
        await db.update(schema.bans).set({ liftedAt: at(2 * DAY) }).where(eq(schema.bans.id, ban!.id));
        expect(await vote({ voterId: voter, commentId: published, essayPath, value: null, now: at(3 * DAY) })).toEqual({ ok: true, changed: true, voterSince: at(-365 * DAY) });
      });

      it("throws on a value of the other axis or a misplaced reason, before writing anything", async () => {
        const essayPath = newEssay();
        const commentId = await insertComment({ essayPath, authorId: await insertUser() });
        const voterId = await insertUser();
        const bad = [
          { axis: "value", value: "agree", reason: null },
          { axis: "stance", value: "up", reason: null },
          { axis: "value", value: "up", reason: "off-topic" },
          { axis: "stance", value: "disagree", reason: "off-topic" },
          { axis: "value", value: null, reason: "off-topic" },
          { axis: "value", value: "down", reason: "boring" },
          { axis: "colour", value: "up", reason: null },
        ] as unknown as Pick<SetVoteArgs, "axis" | "value" | "reason">[];
        for (const args of bad) await expect(vote({ voterId, commentId, essayPath, ...args }), JSON.stringify(args)).rejects.toThrow(RangeError);
        expect(await votesOn(commentId)).toEqual([]);
      });
    });

    describe("getThreadVoteTallies", () => {
      it("counts a whole thread in one query: both axes, ▲ from disagreers, only accounts old enough", async () => {
        const essayPath = newEssay();
        const author = await insertUser();
        const cutoff = at(-30 * DAY);
        const [v1, v2, v3, v4] = [await insertUser(), await insertUser(), await insertUser(), await insertUser({ createdAt: cutoff })];
        const young = await insertUser({ createdAt: at(-30 * DAY + 1) });
        const first = await insertComment({ essayPath, authorId: author });
        const second = await insertComment({ essayPath, authorId: author, parentId: first });
        const onlyYoung = await insertComment({ essayPath, authorId: author });
        await insertComment({ essayPath, authorId: author }); // no votes at all
        const elsewherePath = newEssay();
        const elsewhere = await insertComment({ essayPath: elsewherePath, authorId: author });

        // first: ▲ v1 (disagrees), ▲ v2 (agrees), ▲ v4 (disagrees, account exactly at the cut), ▼ v3 (disagrees), young ▲ + disagree.
        for (const [voterId, value, stance] of [
          [v1, "up", "disagree"],
          [v2, "up", "agree"],
          [v3, "down", "disagree"],
          [v4, "up", "disagree"],
          [young, "up", "disagree"],
        ] as const) {
          await voteOk({ voterId, commentId: first, essayPath, value });
          await voteOk({ voterId, commentId: first, essayPath, axis: "stance", value: stance });
        }
        // second: a stance alone, and a ▲ without a stance.
        await voteOk({ voterId: v1, commentId: second, essayPath, axis: "stance", value: "agree" });
        await voteOk({ voterId: v2, commentId: second, essayPath, value: "up" });
        await voteOk({ voterId: young, commentId: onlyYoung, essayPath, value: "down", reason: "off-topic" });
        await voteOk({ voterId: v1, commentId: elsewhere, essayPath: elsewherePath, value: "up" });

        const { result, queries } = await countQueries(() => m.votes.getThreadVoteTallies({ essayPath, eligibleBefore: cutoff }));
        expect(queries).toBe(1);
        expect(result).toEqual([
          { commentId: first, up: 3, down: 1, agree: 1, disagree: 3, upFromDisagreers: 2 },
          { commentId: second, up: 1, down: 0, agree: 1, disagree: 0, upFromDisagreers: 0 },
        ]);

        // Once the young account is old enough, its votes count.
        expect(await m.votes.getThreadVoteTallies({ essayPath, eligibleBefore: at(0) })).toEqual([
          { commentId: first, up: 4, down: 1, agree: 1, disagree: 4, upFromDisagreers: 3 },
          { commentId: second, up: 1, down: 0, agree: 1, disagree: 0, upFromDisagreers: 0 },
          { commentId: onlyYoung, up: 0, down: 1, agree: 0, disagree: 0, upFromDisagreers: 0 },
        ]);
        expect(await m.votes.getThreadVoteTallies({ essayPath: newEssay(), eligibleBefore: at(0) })).toEqual([]);
      });
    });

    describe("getViewerVotes", () => {
      it("lists the viewer's own votes on one essay in one query", async () => {
        const essayPath = newEssay();
        const author = await insertUser();
        const [viewer, other] = [await insertUser(), await insertUser()];
        const a = await insertComment({ essayPath, authorId: author });
        const b = await insertComment({ essayPath, authorId: author });
        const elsewherePath = newEssay();
        const elsewhere = await insertComment({ essayPath: elsewherePath, authorId: author });
        await voteOk({ voterId: viewer, commentId: b, essayPath, axis: "stance", value: "agree" });
        await voteOk({ voterId: viewer, commentId: b, essayPath, value: "down", reason: "no-argument" });
        await voteOk({ voterId: viewer, commentId: a, essayPath, value: "up" });
        await voteOk({ voterId: other, commentId: a, essayPath, value: "down" });
        await voteOk({ voterId: viewer, commentId: elsewhere, essayPath: elsewherePath, value: "up" });

        const { result, queries } = await countQueries(() => m.votes.getViewerVotes({ voterId: viewer, essayPath }));
        expect(queries).toBe(1);
        expect(result).toEqual([
          { commentId: a, axis: "value", value: "up", reason: null },
          { commentId: b, axis: "stance", value: "agree", reason: null },
          { commentId: b, axis: "value", value: "down", reason: "no-argument" },
        ]);
        expect(await m.votes.getViewerVotes({ voterId: await insertUser(), essayPath })).toEqual([]);
      });
    });

    describe("moderation and votes", () => {
      it("hiding a comment and banning its author leave every vote in place", async () => {
        const essayPath = newEssay();
        const author = await insertUser();
        const voter = await insertUser();
        const commentId = await insertComment({ essayPath, authorId: author });
        const other = await insertComment({ essayPath, authorId: voter });
        await voteOk({ voterId: voter, commentId, essayPath, value: "down", reason: "off-topic" });
        await voteOk({ voterId: author, commentId: other, essayPath, axis: "stance", value: "agree" });
        const before = await allVotes();

        expect(await m.moderation.hideComment({ commentId, actor: moderator, reason: "Rude", now: at(MINUTE) })).toMatchObject({ ok: true });
        expect(await m.moderation.banUser({ userId: author, actor: moderator, reason: "Rude", endsAt: null, hideComments: true, now: at(MINUTE) })).toMatchObject({ ok: true });
        expect(await allVotes()).toEqual(before);
        expect(await m.votes.getThreadVoteTallies({ essayPath, eligibleBefore: base })).toEqual([
          { commentId, up: 0, down: 1, agree: 0, disagree: 0, upFromDisagreers: 0 },
          { commentId: other, up: 0, down: 0, agree: 1, disagree: 0, upFromDisagreers: 0 },
        ]);
        // But the hidden comment takes no new votes, and the banned author casts none.
        expect(await vote({ voterId: voter, commentId, essayPath, value: null })).toEqual({ ok: false, reason: "not-visible" });
        expect(await vote({ voterId: author, commentId: other, essayPath, axis: "stance", value: null, now: at(2 * MINUTE) })).toEqual({ ok: false, reason: "banned" });
      });
    });

    describe("getCoincidentVoterPairs", () => {
      it("lists pairs voting alike on enough comments within the hour, by public name, in one query", async () => {
        const author = await insertUser();
        const essayPath = newEssay();
        const comments = async (n: number) => {
          const ids: number[] = [];
          for (let i = 0; i < n; i++) ids.push(await insertComment({ essayPath, authorId: author }));
          return ids;
        };
        const pair = async (a: string, b: string) => [await insertUser({ displayName: a }), await insertUser({ displayName: b })] as const;
        // Both voters on one comment: a's vote, then b's `gap` later, each on the given axes.
        const both = async (
          [a, b]: readonly [string, string],
          commentId: number,
          votes: { value?: [string, string]; stance?: [string, string] },
          gap = 10 * MINUTE,
        ) => {
          for (const [axis, choices] of Object.entries(votes) as ["value" | "stance", [string, string]][]) {
            await voteOk({ voterId: a, commentId, essayPath, axis, value: choices[0] as never, now: at(commentId * MINUTE) });
            await voteOk({ voterId: b, commentId, essayPath, axis, value: choices[1] as never, now: at(commentId * MINUTE + gap) });
          }
        };

        // 10 of 10 alike, both axes on some: listed.
        const ring = await pair("Ring One", "Ring Two");
        for (const [i, id] of (await comments(10)).entries()) {
          await both(ring, id, i % 2 === 0 ? { value: ["up", "up"], stance: ["agree", "agree"] } : { value: ["down", "down"] });
        }
        // 9 of 9 alike: too few shared.
        const nine = await pair("Nine A", "Nine B");
        for (const id of await comments(9)) await both(nine, id, { value: ["up", "up"] });
        // 10 shared, 7 alike (70%): the other three agree on value but not on stance, which is not alike.
        const seventy = await pair("Seventy A", "Seventy B");
        for (const [i, id] of (await comments(10)).entries()) {
          await both(seventy, id, i < 7 ? { value: ["up", "up"] } : { value: ["up", "up"], stance: ["agree", "disagree"] });
        }
        // 10 alike, but two hours apart: not shared within the hour.
        const slow = await pair("Slow A", "Slow B");
        for (const id of await comments(10)) await both(slow, id, { value: ["up", "up"] }, 2 * HOUR);
        // 10 shared within the hour and alike; 3 more alike but outside the hour do not add to `shared`.
        const mixed = await pair("Mixed A", "Mixed B");
        const mixedIds = await comments(13);
        for (const [i, id] of mixedIds.entries()) await both(mixed, id, { stance: ["disagree", "disagree"] }, i < 10 ? 59 * MINUTE : HOUR + 1);

        const name = (id: string, displayName: string) => ({ id, name: displayName });
        const ordered = (a: { id: string; name: string }, b: { id: string; name: string }) => (a.id < b.id ? [a, b] : [b, a]);
        const { result, queries } = await countQueries(() => m.votes.getCoincidentVoterPairs());
        expect(queries).toBe(1);
        expect(JSON.stringify(result)).not.toContain("@");
        const asSets = (pairs: typeof result) => pairs.map((p) => ({ voters: new Set([p.voterA.id, p.voterB.id]), shared: p.shared, coinciding: p.coinciding }));
        expect(asSets(result)).toEqual(
          expect.arrayContaining([
            { voters: new Set(ring), shared: 10, coinciding: 10 },
            { voters: new Set(mixed), shared: 10, coinciding: 10 },
          ]),
        );
        expect(result).toHaveLength(2);
        for (const p of result) expect(p.voterA.id < p.voterB.id).toBe(true);
        const ringPair = result.find((p) => p.voterA.id === ring[0] || p.voterB.id === ring[0])!;
        const [ringA, ringB] = ordered(name(ring[0], "Ring One"), name(ring[1], "Ring Two"));
        expect(ringPair).toEqual({ voterA: ringA, voterB: ringB, shared: 10, coinciding: 10 });

        // The thresholds and the window are what left the others out.
        const loose = asSets(await m.votes.getCoincidentVoterPairs({ minShared: 9, minRatio: 0.65, withinMs: 3 * HOUR }));
        expect(loose).toEqual(
          expect.arrayContaining([
            { voters: new Set(ring), shared: 10, coinciding: 10 },
            { voters: new Set(nine), shared: 9, coinciding: 9 },
            { voters: new Set(seventy), shared: 10, coinciding: 7 },
            { voters: new Set(slow), shared: 10, coinciding: 10 },
            { voters: new Set(mixed), shared: 13, coinciding: 13 },
          ]),
        );
        expect(loose).toHaveLength(5);
        await expect(m.votes.getCoincidentVoterPairs({ minRatio: 2 })).rejects.toThrow(RangeError);
      });
    });

    describe("the reader's data", () => {
      it("the download lists the reader's votes; leaving removes them and keeps other readers' votes", async () => {
        const essayPath = newEssay();
        const author = await insertUser();
        const [leaving, staying] = [await insertUser(), await insertUser()];
        const theirs = await insertComment({ essayPath, authorId: leaving });
        const someone = await insertComment({ essayPath, authorId: author });
        await voteOk({ voterId: leaving, commentId: someone, essayPath, value: "down", reason: "repetitive", now: at(1_000) });
        await voteOk({ voterId: leaving, commentId: someone, essayPath, axis: "stance", value: "agree", now: at(2_000) });
        await voteOk({ voterId: leaving, commentId: someone, essayPath, axis: "stance", value: "disagree", now: at(3_000) });
        await voteOk({ voterId: staying, commentId: someone, essayPath, value: "up", now: at(4_000) });
        await voteOk({ voterId: staying, commentId: theirs, essayPath, value: "up", now: at(5_000) });

        const download = await m.account.getReaderExport({ userId: leaving });
        expect(download?.votes).toEqual([
          { commentId: someone, essayPath, axis: "value", value: "down", reason: "repetitive", createdAt: at(1_000), updatedAt: at(1_000) },
          { commentId: someone, essayPath, axis: "stance", value: "disagree", reason: null, createdAt: at(2_000), updatedAt: at(3_000) },
        ]);

        expect(await m.account.deleteAccount({ userId: leaving, deleteComments: false, now: at(6_000) })).toMatchObject({ ok: true });
        const { db, schema } = m.client.getDb();
        expect(await db.select().from(schema.commentVotes).where(eq(schema.commentVotes.voterId, leaving))).toEqual([]);
        const left = await db
          .select({ commentId: schema.commentVotes.commentId, voterId: schema.commentVotes.voterId })
          .from(schema.commentVotes)
          .where(eq(schema.commentVotes.voterId, staying))
          .orderBy(asc(schema.commentVotes.commentId));
        expect(left).toEqual([
          { commentId: theirs, voterId: staying },
          { commentId: someone, voterId: staying },
        ]);
      });

      it("a backup carries the votes: export → import → export is identical", async () => {
        const essayPath = newEssay();
        const author = await insertUser();
        const voter = await insertUser();
        const commentId = await insertComment({ essayPath, authorId: author });
        await voteOk({ voterId: voter, commentId, essayPath, value: "down", reason: "no-argument", now: at(1_234) });
        await voteOk({ voterId: voter, commentId, essayPath, axis: "stance", value: "agree", now: at(5_678) });

        const source = openDatabase(parseDatabaseUrl(databaseUrl, "data"));
        opened.push(source);
        const first = serializeBackup(await exportBackup({ database: source }));
        const parsed = parseBackup(first);
        if (!parsed.ok) throw new Error(parsed.problems.join("\n"));
        expect(parsed.backup.commentVotes).toEqual(
          expect.arrayContaining([
            expect.objectContaining({ commentId, voterId: voter, axis: "value", value: "down", reason: "no-argument", createdAt: at(1_234).toISOString() }),
            expect.objectContaining({ commentId, voterId: voter, axis: "stance", value: "agree", reason: null }),
          ]),
        );
        expect(parsed.backup.commentVotes).toHaveLength((await allVotes()).length);

        const config = parseDatabaseUrl(await target.createDatabaseUrl(), "data");
        await migrateDatabase({ config });
        const copy = openDatabase(config);
        opened.push(copy);
        const written = await importBackup({ database: copy, backup: parsed.backup });
        expect(written.commentVotes).toBe(parsed.backup.commentVotes.length);
        expect(serializeBackup(await exportBackup({ database: copy }))).toBe(first);
      });
    });
  });
}
