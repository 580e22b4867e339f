// Δ "changed my mind" (db/queries/deltas.ts, issue 14) and what a Δ touches elsewhere (the thread
// query, the outbox, moderation and its log, the reader's download, leaving, backups), run
// against SQLite (a temp file) and a real PostgreSQL server, like the other contract tests.
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
const AUTHOR_EMAILS = ["writer@example.org"];
const WHY = "Your point that force ends the conversation, while talk keeps it open, persuaded me.";

async function loadModules(databaseUrl: string) {
  const [client, migrate, deltas, comments, moderation, moderationLists, account, notifications] = await loadWithDatabaseUrl(
    databaseUrl,
    () =>
      Promise.all([
        import("@/db/client"),
        import("@/db/migrate"),
        import("@/db/queries/deltas"),
        import("@/db/queries/comments"),
        import("@/db/queries/moderation"),
        import("@/db/queries/moderation-lists"),
        import("@/db/queries/account"),
        import("@/lib/notifications/queue-notifications"),
      ]),
    // A secret to sign the e-mail's unsubscribe link with.
    { ADMIN_EMAILS, AUTH_SECRET: "contract-test-secret-0123456789abcdef" },
  );
  return { client, migrate, deltas, comments, moderation, moderationLists, account, notifications };
}
type Modules = Awaited<ReturnType<typeof loadModules>>;

const targets = contractTargets("essays-deltas-db-");
const base = new Date("2030-06-01T00:00:00.000Z");
const at = (ms: number) => new Date(base.getTime() + ms);
const DAY = 86_400_000;

for (const target of targets) {
  describe.skipIf(target.skip)(`Δ queries on ${target.dialect}`, () => {
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
    async function insertUser(values: { email?: string; verified?: boolean; named?: boolean; notify?: "replies" | "threads" | "never" } = {}) {
      const { db, schema } = m.client.getDb();
      userCounter++;
      const [row] = await db
        .insert(schema.users)
        .values({
          email: values.email ?? `giver${userCounter}@example.org`,
          displayName: `Reader ${userCounter}`,
          nameConfirmedAt: values.named === false ? null : base,
          notify: values.notify ?? "replies",
          createdAt: at(-365 * DAY),
          emailVerified: values.verified ? base : null,
        })
        .returning({ id: schema.users.id });
      if (!row) throw new Error("insert returned no row");
      return row.id;
    }
    const nameOf = async (id: string) => {
      const { db, schema } = m.client.getDb();
      const [row] = await db.select({ name: schema.users.displayName }).from(schema.users).where(eq(schema.users.id, id));
      return row?.name ?? "";
    };

    let essayCounter = 0;
    const newEssay = () => `/deltas/06/01/essay-${++essayCounter}`;

    async function insertComment(values: { essayPath: string; authorId: string | null; parentId?: number | null; status?: "published" | "hidden"; deletedAt?: Date | null; retractedAt?: Date | null }) {
      const { db, schema } = m.client.getDb();
      const [row] = await db
        .insert(schema.comments)
        .values({ body: "Words", bodyHtml: "<p>Words</p>", createdAt: base, ...values })
        .returning({ id: schema.comments.id });
      if (!row) throw new Error("insert returned no row");
      return row.id;
    }

    async function storedDeltas(essayPath: string) {
      const { db, schema } = m.client.getDb();
      return db.select().from(schema.commentDeltas).where(eq(schema.commentDeltas.essayPath, essayPath)).orderBy(asc(schema.commentDeltas.id));
    }
    async function outboxFor(dedupeKey: string) {
      const { db, schema } = m.client.getDb();
      return db.select().from(schema.outbox).where(eq(schema.outbox.dedupeKey, dedupeKey));
    }

    /** Ada's top-level comment; Ben replies to it (Ben took part); Cy wrote elsewhere under the essay. */
    async function scene() {
      const essayPath = newEssay();
      const ada = await insertUser();
      const ben = await insertUser();
      const cy = await insertUser();
      const adaComment = await insertComment({ essayPath, authorId: ada });
      const benReply = await insertComment({ essayPath, authorId: ben, parentId: adaComment });
      const adaAnswer = await insertComment({ essayPath, authorId: ada, parentId: benReply });
      const cyElsewhere = await insertComment({ essayPath, authorId: cy });
      return { essayPath, ada, ben, cy, adaComment, benReply, adaAnswer, cyElsewhere };
    }

    const award = (args: { commentId: number; giverId: string; explanation?: string; now?: Date }) =>
      m.deltas.awardDelta({
        explanation: WHY,
        authorEmails: AUTHOR_EMAILS,
        now: at(1_000),
        ...args,
        afterInsert: (tx, delta) => m.notifications.queueDeltaNotification({ delta, giverName: delta.giverName, explanation: args.explanation ?? WHY, tx }),
      });

    it("a participant awards a Δ: it is stored, the thread shows it with the giver's name, and the recipient's e-mail is queued with it", async () => {
      const s = await scene();
      const result = await award({ commentId: s.benReply, giverId: s.ada });
      expect(result).toMatchObject({ ok: true, essayPath: s.essayPath, recipientId: s.ben, parentId: s.adaComment });
      if (!result.ok) return;
      expect(await storedDeltas(s.essayPath)).toMatchObject([{ id: result.id, commentId: s.benReply, giverId: s.ada, recipientId: s.ben, explanation: WHY, createdAt: at(1_000), removedAt: null }]);

      const thread = await m.comments.getThreadByEssay({ essayPath: s.essayPath });
      expect(thread.find((row) => row.id === s.benReply)?.deltas).toEqual([
        { id: result.id, giverId: s.ada, giverName: await nameOf(s.ada), explanation: WHY, removalReason: null, at: at(1_000) },
      ]);
      expect(thread.find((row) => row.id === s.adaComment)?.deltas).toEqual([]);

      const [mail] = await outboxFor(`delta:${result.id}`);
      expect(mail).toMatchObject({ kind: "delta", toAddress: expect.stringMatching(/@example\.org$/) });
      expect(mail?.subject).toContain(await nameOf(s.ada));
      expect(mail?.text).toContain(WHY);
      expect(mail?.headers).toContain("List-Unsubscribe");
    });

    it("the recipient who chose never to get e-mail gets none; the Δ is stored all the same", async () => {
      const essayPath = newEssay();
      const quiet = await insertUser({ notify: "never" });
      const giver = await insertUser();
      const top = await insertComment({ essayPath, authorId: quiet });
      await insertComment({ essayPath, authorId: giver, parentId: top });
      const result = await award({ commentId: top, giverId: giver });
      expect(result).toMatchObject({ ok: true });
      if (result.ok) expect(await outboxFor(`delta:${result.id}`)).toEqual([]);
    });

    it("refuses, and stores nothing: one's own comment, outside a conversation one took part in, twice to the same reader, hidden, deleted, retracted, former reader's, missing, no chosen name, banned", async () => {
      const s = await scene();
      const hidden = await insertComment({ essayPath: s.essayPath, authorId: s.ben, parentId: s.adaComment, status: "hidden" });
      const deleted = await insertComment({ essayPath: s.essayPath, authorId: s.ben, parentId: s.adaComment, deletedAt: at(0) });
      const retracted = await insertComment({ essayPath: s.essayPath, authorId: s.ben, parentId: s.adaComment, retractedAt: at(0) });
      const formerReaders = await insertComment({ essayPath: s.essayPath, authorId: null, parentId: s.adaComment });
      const unnamed = await insertUser({ named: false });
      await insertComment({ essayPath: s.essayPath, authorId: unnamed, parentId: s.adaComment });

      expect(await award({ commentId: s.adaComment, giverId: s.ada })).toEqual({ ok: false, reason: "own-comment" });
      // Cy's own top-level comment elsewhere under the essay is not this conversation.
      expect(await award({ commentId: s.benReply, giverId: s.cy })).toEqual({ ok: false, reason: "not-in-conversation" });
      expect(await award({ commentId: s.cyElsewhere, giverId: s.ben })).toEqual({ ok: false, reason: "not-in-conversation" });
      expect(await award({ commentId: hidden, giverId: s.ada })).toEqual({ ok: false, reason: "not-shown" });
      expect(await award({ commentId: deleted, giverId: s.ada })).toEqual({ ok: false, reason: "not-shown" });
      expect(await award({ commentId: retracted, giverId: s.ada })).toEqual({ ok: false, reason: "retracted" });
      expect(await award({ commentId: formerReaders, giverId: s.ada })).toEqual({ ok: false, reason: "former-reader" });
      expect(await award({ commentId: 2_147_483_000, giverId: s.ada })).toEqual({ ok: false, reason: "not-found" });
      expect(await award({ commentId: s.benReply, giverId: unnamed })).toEqual({ ok: false, reason: "name-not-chosen" });
      expect(await award({ commentId: s.benReply, giverId: "no-such-user" })).toEqual({ ok: false, reason: "no-account" });
      expect(await storedDeltas(s.essayPath)).toEqual([]);

      expect(await award({ commentId: s.benReply, giverId: s.ada })).toMatchObject({ ok: true });
      // Another comment by the same recipient under the same essay: still one per giver → recipient.
      const benAgain = await insertComment({ essayPath: s.essayPath, authorId: s.ben, parentId: s.adaAnswer });
      expect(await award({ commentId: benAgain, giverId: s.ada })).toEqual({ ok: false, reason: "already-given" });
      // The other way round is a different pair.
      expect(await award({ commentId: s.adaAnswer, giverId: s.ben })).toMatchObject({ ok: true });
      expect(await storedDeltas(s.essayPath)).toHaveLength(2);

      const banned = await scene();
      expect(await m.moderation.banUser({ userId: banned.ada, actor: moderator, reason: "Rude", endsAt: null, hideComments: false, now: at(0) })).toMatchObject({ ok: true });
      expect(await award({ commentId: banned.benReply, giverId: banned.ada })).toMatchObject({ ok: false, reason: "banned", ban: { reason: "Rude" } });
      expect(await storedDeltas(banned.essayPath)).toEqual([]);
    });

    it("the essays' author (a verified address in AUTHOR_EMAILS) may award a Δ without joining the conversation; an unverified one may not", async () => {
      const s = await scene();
      const writer = await insertUser({ email: "writer@example.org", verified: true });
      expect(await award({ commentId: s.cyElsewhere, giverId: writer })).toMatchObject({ ok: true });
      const s2 = await scene();
      const pretender = await insertUser({ email: "Writer@Example.org".toLowerCase().replace("writer", "writer2"), verified: true });
      expect(await award({ commentId: s2.cyElsewhere, giverId: pretender })).toEqual({ ok: false, reason: "not-in-conversation" });
      const { db, schema } = m.client.getDb();
      await db.update(schema.users).set({ emailVerified: null }).where(eq(schema.users.id, writer));
      expect(await award({ commentId: s2.cyElsewhere, giverId: writer })).toEqual({ ok: false, reason: "not-in-conversation" });
    });

    it("a moderator removes an abusive Δ with a public reason: the thread shows the reason, not the words; it is logged; a second removal changes nothing", async () => {
      const s = await scene();
      const given = await award({ commentId: s.benReply, giverId: s.ada, explanation: "x".repeat(60) });
      if (!given.ok) throw new Error("not given");
      const stranger = { id: s.cy, name: "Cy" };
      expect(await m.moderation.removeDelta({ deltaId: given.id, actor: stranger, reason: "Spam", now: at(2_000) })).toEqual({ ok: false, reason: "not-moderator" });
      expect(await m.moderation.removeDelta({ deltaId: 2_147_483_000, actor: moderator, reason: "Spam", now: at(2_000) })).toEqual({ ok: false, reason: "not-found" });
      expect(await m.moderation.removeDelta({ deltaId: given.id, actor: moderator, reason: "Spam", now: at(2_000) })).toEqual({ ok: true, changed: true, commentId: s.benReply, essayPath: s.essayPath });
      expect(await m.moderation.removeDelta({ deltaId: given.id, actor: moderator, reason: "Again", now: at(3_000) })).toMatchObject({ ok: true, changed: false });

      const [row] = await storedDeltas(s.essayPath);
      expect(row).toMatchObject({ removedAt: at(2_000), removedBy: moderator.id, removalReason: "Spam", explanation: "x".repeat(60) });
      const shown = (await m.comments.getThreadByEssay({ essayPath: s.essayPath })).find((r) => r.id === s.benReply);
      expect(shown?.deltas).toEqual([{ id: given.id, giverId: s.ada, giverName: await nameOf(s.ada), explanation: null, removalReason: "Spam", at: at(1_000) }]);
      const listed = await m.deltas.getEssayDeltas({ essayPath: s.essayPath });
      expect(listed).toMatchObject([{ id: given.id, explanation: null, removal: { at: at(2_000), reason: "Spam" } }]);
      // Moderators still read what was written.
      expect((await m.deltas.listRecentDeltas({ limit: 100, offset: 0 })).find((d) => d.id === given.id)?.explanation).toBe("x".repeat(60));

      const log = await m.moderationLists.listModerationLog({ limit: 100, offset: 0 });
      const entries = log.filter((entry) => entry.action === "remove-delta" && entry.commentId === s.benReply);
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ reason: "Spam", actorName: "Mod", essayPath: s.essayPath });
      // Removed, it still counts for one per giver → recipient.
      expect(await award({ commentId: s.benReply, giverId: s.ada })).toEqual({ ok: false, reason: "already-given" });
    });

    it("a hidden or deleted comment's Δs leave the thread; each reader's profile lists Δs given and received", async () => {
      const s = await scene();
      await award({ commentId: s.benReply, giverId: s.ada });
      await award({ commentId: s.adaAnswer, giverId: s.ben, now: at(2_000) });
      expect(await m.deltas.getReaderDeltas({ userId: s.ada })).toMatchObject({ given: [{ commentId: s.benReply, recipientId: s.ben }], received: [{ commentId: s.adaAnswer, giverId: s.ben }] });
      expect(await m.moderation.hideComment({ commentId: s.benReply, actor: moderator, reason: "Off-topic", now: at(3_000) })).toMatchObject({ ok: true });
      const thread = await m.comments.getThreadByEssay({ essayPath: s.essayPath });
      expect(thread.find((row) => row.id === s.benReply)?.deltas).toEqual([]);
      expect((await m.deltas.getReaderDeltas({ userId: s.ada })).given).toEqual([]);
      expect(await m.deltas.getEssayDeltas({ essayPath: s.essayPath })).toMatchObject([{ commentId: s.adaAnswer }]);
    });

    it("the reader's download holds the Δs they gave and received; leaving removes those they gave and keeps those they received, authorless", async () => {
      const s = await scene();
      const toBen = await award({ commentId: s.benReply, giverId: s.ada });
      const toAda = await award({ commentId: s.adaAnswer, giverId: s.ben, now: at(2_000) });
      if (!toBen.ok || !toAda.ok) throw new Error("not given");
      const download = await m.account.getReaderExport({ userId: s.ada });
      expect(download?.deltasGiven).toEqual([{ id: toBen.id, commentId: s.benReply, essayPath: s.essayPath, explanation: WHY, createdAt: at(1_000), removedAt: null, removalReason: null }]);
      expect(download?.deltasReceived).toEqual([{ id: toAda.id, commentId: s.adaAnswer, essayPath: s.essayPath, explanation: WHY, createdAt: at(2_000), removedAt: null, removalReason: null }]);

      expect(await m.account.deleteAccount({ userId: s.ada, deleteComments: false, now: at(5_000) })).toMatchObject({ ok: true });
      expect(await storedDeltas(s.essayPath)).toMatchObject([{ id: toAda.id, giverId: s.ben, recipientId: null, explanation: WHY }]);
      const thread = await m.comments.getThreadByEssay({ essayPath: s.essayPath });
      expect(thread.find((row) => row.id === s.adaAnswer)).toMatchObject({ authorName: "a former reader", deltas: [{ id: toAda.id, explanation: WHY }] });
    });

    it("a backup carries Δs, removed ones too: export → import → export is identical", async () => {
      const s = await scene();
      const given = await award({ commentId: s.benReply, giverId: s.ada });
      await award({ commentId: s.adaAnswer, giverId: s.ben, now: at(2_000) });
      if (!given.ok) throw new Error("not given");
      await m.moderation.removeDelta({ deltaId: given.id, actor: moderator, reason: "Spam", now: at(3_000) });

      const source = openDatabase(parseDatabaseUrl(databaseUrl, "data"));
      opened.push(source);
      const first = serializeBackup(await exportBackup({ database: source }));
      const parsed = parseBackup(first);
      if (!parsed.ok) throw new Error(parsed.problems.join("\n"));
      expect(parsed.backup.commentDeltas.filter((row) => row.essayPath === s.essayPath)).toMatchObject([
        { id: given.id, giverId: s.ada, recipientId: s.ben, removalReason: "Spam", removedBy: moderator.id, removedAt: at(3_000).toISOString() },
        { giverId: s.ben, recipientId: s.ada, removedAt: null },
      ]);

      const config = parseDatabaseUrl(await target.createDatabaseUrl(), "data");
      await migrateDatabase({ config });
      const copy = openDatabase(config);
      opened.push(copy);
      const written = await importBackup({ database: copy, backup: parsed.backup });
      expect(written.commentDeltas).toBe(parsed.backup.commentDeltas.length);
      expect(serializeBackup(await exportBackup({ database: copy }))).toBe(first);
    });
  });
}

describe("Δs in a backup file", () => {
  it("a Δ naming a comment or a reader not in the file, or a second Δ between the same readers, is refused with where and what", () => {
    const user = (id: string) => ({ id, name: null, displayName: id, nameConfirmedAt: null, email: null, emailVerified: null, image: null, notify: "replies", commentsApprovedAt: null, createdAt: base.toISOString() });
    const delta = (id: number, commentId: number, giverId: string) => ({ id, commentId, essayPath: "/a/01/01/b", giverId, recipientId: "u2", explanation: WHY, createdAt: base.toISOString(), removedAt: null, removedBy: null, removalReason: null });
    const file = {
      format: "essays-comments",
      version: 1,
      users: [user("u1"), user("u2")],
      comments: [
        { id: 1, essayPath: "/a/01/01/b", parentId: null, authorId: "u2", authorName: null, body: "x", bodyHtml: "<p>x</p>", renderVersion: 1, status: "published", moderationReason: null, deletedAt: null, editedAt: null, createdAt: base.toISOString(), sourceId: null },
      ],
      commentRevisions: [],
      reports: [],
      bans: [],
      threadLocks: [],
      moderationLog: [],
      commentDeltas: [delta(1, 1, "u1"), delta(2, 1, "u1"), delta(3, 7, "ghost")],
    };
    const parsed = parseBackup(JSON.stringify(file));
    expect(parsed.ok).toBe(false);
    if (parsed.ok) return;
    expect(parsed.problems).toEqual(
      expect.arrayContaining([
        expect.stringContaining("commentDeltas[1].recipientId"),
        expect.stringContaining('commentDeltas[2].commentId: 7 is not a comment id in this file'),
        expect.stringContaining('commentDeltas[2].giverId: "ghost" is not a user id in this file'),
      ]),
    );
  });
});
