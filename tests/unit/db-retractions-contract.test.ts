// Retracting one's own comment (db/queries/retractions.ts, issue 14) and what a retraction
// touches elsewhere (the thread query, votes, edits, the reader's download, leaving, backups),
// run against SQLite (a temp file) and a real PostgreSQL server, like the other contract tests.
import { asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportBackup } from "@/db/backup/export";
import { parseBackup, serializeBackup } from "@/db/backup/format";
import { importBackup } from "@/db/backup/import";
import { openDatabase, type Database } from "@/db/connect";
import { migrateDatabase } from "@/db/migrate";
import { parseDatabaseUrl } from "@/db/url";
import { closeInstances, contractTargets, loadWithDatabaseUrl, migratedDatabase } from "../support/contract-databases";

const ADMIN_EMAILS = "mod@example.org";

async function loadModules(databaseUrl: string) {
  const [client, migrate, retractions, comments, votes, moderation, account] = await loadWithDatabaseUrl(
    databaseUrl,
    () =>
      Promise.all([
        import("@/db/client"),
        import("@/db/migrate"),
        import("@/db/queries/retractions"),
        import("@/db/queries/comments"),
        import("@/db/queries/votes"),
        import("@/db/queries/moderation"),
        import("@/db/queries/account"),
      ]),
    { ADMIN_EMAILS },
  );
  return { client, migrate, retractions, comments, votes, moderation, account };
}
type Modules = Awaited<ReturnType<typeof loadModules>>;

const targets = contractTargets("essays-retractions-db-");
const base = new Date("2030-06-01T00:00:00.000Z");
const at = (ms: number) => new Date(base.getTime() + ms);
const DAY = 86_400_000;

for (const target of targets) {
  describe.skipIf(target.skip)(`retraction queries on ${target.dialect}`, () => {
    let databaseUrl: string;
    let m: Modules;
    const opened: Database[] = [];
    let moderator: { id: string; name: string };

    beforeAll(async () => {
      ({ databaseUrl, m } = await migratedDatabase(target, loadModules));
      moderator = { id: await insertUser({ email: "mod@example.org", verified: true }), name: "Mod" };
    });
    afterAll(async () => {
      for (const database of opened) await database.close();
      await closeInstances([m]);
    });

    let userCounter = 0;
    async function insertUser(values: { email?: string; verified?: boolean } = {}) {
      const { db, schema } = m.client.getDb();
      userCounter++;
      const [row] = await db
        .insert(schema.users)
        .values({ email: values.email ?? `retractor${userCounter}@example.org`, displayName: `Reader ${userCounter}`, createdAt: at(-365 * DAY), emailVerified: values.verified ? base : null })
        .returning({ id: schema.users.id });
      if (!row) throw new Error("insert returned no row");
      return row.id;
    }

    let essayCounter = 0;
    const newEssay = () => `/retractions/06/01/essay-${++essayCounter}`;

    async function insertComment(values: { essayPath: string; authorId: string | null; parentId?: number | null; status?: "published" | "hidden"; deletedAt?: Date | null; body?: string }) {
      const { db, schema } = m.client.getDb();
      const body = values.body ?? "Words";
      const [row] = await db
        .insert(schema.comments)
        .values({ bodyHtml: `<p>${body}</p>`, createdAt: base, ...values, body })
        .returning({ id: schema.comments.id });
      if (!row) throw new Error("insert returned no row");
      return row.id;
    }

    async function stored(commentId: number) {
      const { db, schema } = m.client.getDb();
      const [row] = await db
        .select({ retractedAt: schema.comments.retractedAt, note: schema.comments.retractionNote, causeId: schema.comments.retractionCauseId, body: schema.comments.body })
        .from(schema.comments)
        .where(eq(schema.comments.id, commentId));
      const history = await m.client
        .getDb()
        .db.select()
        .from(schema.commentRetractions)
        .where(eq(schema.commentRetractions.commentId, commentId))
        .orderBy(asc(schema.commentRetractions.id));
      return { row, history };
    }

    /** An essay with an author's comment and another reader's reply that changed the author's mind. */
    async function scene() {
      const essayPath = newEssay();
      const author = await insertUser();
      const other = await insertUser();
      const commentId = await insertComment({ essayPath, authorId: author, body: "All force is justified." });
      const causeId = await insertComment({ essayPath, authorId: other, parentId: commentId, body: "Not when talking is possible." });
      return { essayPath, author, other, commentId, causeId };
    }

    it("retracts with a note and the comment that changed the author's mind; the thread shows it; undo brings it back; both are in the history", async () => {
      const s = await scene();
      const result = await m.retractions.setCommentRetraction({ id: s.commentId, authorId: s.author, retract: true, note: "Your point about talking.", causeCommentId: s.causeId, now: at(1_000) });
      expect(result).toEqual({ ok: true, essayPath: s.essayPath, parentId: null });
      expect((await stored(s.commentId)).row).toEqual({ retractedAt: at(1_000), note: "Your point about talking.", causeId: s.causeId, body: "All force is justified." });

      const thread = await m.comments.getThreadByEssay({ essayPath: s.essayPath });
      expect(thread.find((row) => row.id === s.commentId)).toMatchObject({
        bodyHtml: "<p>All force is justified.</p>",
        retraction: { at: at(1_000), note: "Your point about talking.", causeId: s.causeId },
      });
      expect(thread.find((row) => row.id === s.causeId)?.retraction).toBeNull();

      expect(await m.retractions.setCommentRetraction({ id: s.commentId, authorId: s.author, retract: false, now: at(2_000) })).toMatchObject({ ok: true });
      expect((await stored(s.commentId)).row).toMatchObject({ retractedAt: null, note: null, causeId: null });
      expect((await m.comments.getThreadByEssay({ essayPath: s.essayPath })).find((row) => row.id === s.commentId)?.retraction).toBeNull();

      expect(await m.retractions.getRetractionHistory({ commentId: s.commentId })).toEqual([
        { action: "retract", note: "Your point about talking.", causeCommentId: s.causeId, at: at(1_000) },
        { action: "undo", note: null, causeCommentId: null, at: at(2_000) },
      ]);
    });

    it("refuses, and stores nothing: someone else's comment, a missing, deleted or hidden one, twice, an undo of nothing, a bad cause, a banned author", async () => {
      const s = await scene();
      const retract = (args: Partial<Parameters<Modules["retractions"]["setCommentRetraction"]>[0]>) =>
        m.retractions.setCommentRetraction({ id: s.commentId, authorId: s.author, retract: true, now: at(1_000), ...args });
      const elsewhere = await insertComment({ essayPath: newEssay(), authorId: s.other });
      const hiddenCause = await insertComment({ essayPath: s.essayPath, authorId: s.other, status: "hidden" });
      const deletedOwn = await insertComment({ essayPath: s.essayPath, authorId: s.author, deletedAt: at(0) });
      const hiddenOwn = await insertComment({ essayPath: s.essayPath, authorId: s.author, status: "hidden" });

      expect(await retract({ authorId: s.other })).toEqual({ ok: false, reason: "not-author" });
      expect(await retract({ id: 2_147_483_000 })).toEqual({ ok: false, reason: "not-found" });
      expect(await retract({ id: deletedOwn })).toEqual({ ok: false, reason: "deleted" });
      expect(await retract({ id: hiddenOwn })).toEqual({ ok: false, reason: "hidden" });
      expect(await retract({ retract: false })).toEqual({ ok: false, reason: "not-retracted" });
      expect(await retract({ causeCommentId: s.commentId })).toEqual({ ok: false, reason: "cause-is-itself" });
      expect(await retract({ causeCommentId: elsewhere })).toEqual({ ok: false, reason: "cause-elsewhere" });
      expect(await retract({ causeCommentId: hiddenCause })).toEqual({ ok: false, reason: "cause-not-found" });
      expect(await retract({ causeCommentId: 2_147_483_000 })).toEqual({ ok: false, reason: "cause-not-found" });
      for (const id of [s.commentId, deletedOwn, hiddenOwn]) expect(await stored(id)).toMatchObject({ row: { retractedAt: null }, history: [] });

      expect(await retract({})).toMatchObject({ ok: true });
      expect(await retract({ now: at(3_000) })).toEqual({ ok: false, reason: "already-retracted" });
      expect((await stored(s.commentId)).history).toHaveLength(1);

      const banned = await scene();
      expect(await m.moderation.banUser({ userId: banned.author, actor: moderator, reason: "Rude", endsAt: null, hideComments: false, now: at(0) })).toMatchObject({ ok: true });
      const refusal = await m.retractions.setCommentRetraction({ id: banned.commentId, authorId: banned.author, retract: true, now: at(1_000) });
      expect(refusal).toMatchObject({ ok: false, reason: "banned", ban: { reason: "Rude" } });
      expect(await stored(banned.commentId)).toMatchObject({ row: { retractedAt: null }, history: [] });
    });

    it("a retracted comment takes no new votes (old ones may be taken back), cannot be edited, and a moderator's hide keeps its retraction out of the thread", async () => {
      const s = await scene();
      const voter = await insertUser();
      const vote = (value: "up" | null) => m.votes.setVote({ voterId: voter, commentId: s.commentId, essayPath: s.essayPath, axis: "value", value, reason: null, now: at(500) });
      expect(await vote("up")).toMatchObject({ ok: true, changed: true });
      await m.retractions.setCommentRetraction({ id: s.commentId, authorId: s.author, retract: true, now: at(1_000) });
      expect(await m.votes.setVote({ voterId: voter, commentId: s.commentId, essayPath: s.essayPath, axis: "stance", value: "agree", reason: null, now: at(1_500) })).toEqual({ ok: false, reason: "retracted" });
      expect(await vote(null)).toMatchObject({ ok: true, changed: true });

      const edit = await m.comments.updateCommentBody({ id: s.commentId, authorId: s.author, body: "Rewritten", bodyHtml: "<p>Rewritten</p>", renderVersion: 1, now: at(2_000) });
      expect(edit).toEqual({ ok: false, reason: "retracted" });
      expect((await stored(s.commentId)).row?.body).toBe("All force is justified.");

      expect(await m.moderation.hideComment({ commentId: s.commentId, actor: moderator, reason: "Off-topic", now: at(3_000) })).toMatchObject({ ok: true });
      const hidden = (await m.comments.getThreadByEssay({ essayPath: s.essayPath })).find((row) => row.id === s.commentId);
      expect(hidden).toMatchObject({ status: "hidden", bodyHtml: null, retraction: null });
    });

    it("the reader's download holds retractions and their history; leaving with comments deleted removes the notes", async () => {
      const s = await scene();
      await m.retractions.setCommentRetraction({ id: s.commentId, authorId: s.author, retract: true, note: "Changed my mind.", causeCommentId: s.causeId, now: at(1_000) });
      const download = await m.account.getReaderExport({ userId: s.author });
      expect(download?.comments.find((comment) => comment.id === s.commentId)).toMatchObject({
        retractedAt: at(1_000),
        retractionNote: "Changed my mind.",
        retractionCauseId: s.causeId,
        retractions: [{ action: "retract", note: "Changed my mind.", causeCommentId: s.causeId, at: at(1_000) }],
      });

      expect(await m.account.deleteAccount({ userId: s.author, deleteComments: true, now: at(5_000) })).toMatchObject({ ok: true });
      expect(await stored(s.commentId)).toMatchObject({ row: { retractedAt: null, note: null, causeId: null, body: "" }, history: [] });
    });

    it("a backup carries retractions, even one whose cause is a later comment: export → import → export is identical", async () => {
      const s = await scene();
      await m.retractions.setCommentRetraction({ id: s.commentId, authorId: s.author, retract: true, note: "Persuaded.", causeCommentId: s.causeId, now: at(1_000) });
      await m.retractions.setCommentRetraction({ id: s.commentId, authorId: s.author, retract: false, now: at(2_000) });
      await m.retractions.setCommentRetraction({ id: s.commentId, authorId: s.author, retract: true, note: "Persuaded again.", causeCommentId: s.causeId, now: at(3_000) });

      const source = openDatabase(parseDatabaseUrl(databaseUrl, "data"));
      opened.push(source);
      const first = serializeBackup(await exportBackup({ database: source }));
      const parsed = parseBackup(first);
      if (!parsed.ok) throw new Error(parsed.problems.join("\n"));
      expect(parsed.backup.comments.find((row) => row.id === s.commentId)).toMatchObject({
        retractedAt: at(3_000).toISOString(),
        retractionNote: "Persuaded again.",
        retractionCauseId: s.causeId,
      });
      expect(parsed.backup.commentRetractions.filter((row) => row.commentId === s.commentId).map((row) => row.action)).toEqual(["retract", "undo", "retract"]);
      // The cause is a reply to the retracted comment, so it comes later in the import's order.
      expect(s.causeId).toBeGreaterThan(s.commentId);

      const config = parseDatabaseUrl(await target.createDatabaseUrl(), "data");
      await migrateDatabase({ config });
      const copy = openDatabase(config);
      opened.push(copy);
      const written = await importBackup({ database: copy, backup: parsed.backup });
      expect(written.commentRetractions).toBe(parsed.backup.commentRetractions.length);
      expect(serializeBackup(await exportBackup({ database: copy }))).toBe(first);
    });

    it("a backup that names a cause or a retracted comment not in the file is refused with where and what", () => {
      const file = {
        format: "essays-comments",
        version: 1,
        users: [],
        comments: [
          { id: 1, essayPath: "/a/01/01/b", parentId: null, authorId: null, authorName: "A", body: "x", bodyHtml: "<p>x</p>", renderVersion: 1, status: "published", moderationReason: null, deletedAt: null, editedAt: null, createdAt: base.toISOString(), sourceId: null, retractedAt: base.toISOString(), retractionNote: null, retractionCauseId: 9 },
        ],
        commentRevisions: [],
        reports: [],
        bans: [],
        threadLocks: [],
        moderationLog: [],
        commentRetractions: [{ id: 1, commentId: 7, action: "retract", note: null, causeCommentId: null, at: base.toISOString() }],
      };
      const parsed = parseBackup(JSON.stringify(file));
      expect(parsed.ok).toBe(false);
      if (parsed.ok) return;
      expect(parsed.problems).toEqual(
        expect.arrayContaining([
          "comments[0].retractionCauseId: 9 is not a comment id in this file",
          "commentRetractions[0].commentId: 7 is not a comment id in this file",
        ]),
      );
    });
  });
}
