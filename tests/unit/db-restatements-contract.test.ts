// The restatement check (db/queries/restatements.ts and insertComment, issue 14, decision 041):
// a disagreeing reply, its restatement, the one answer of the person restated, and where they go
// (the thread query, the reader's download, leaving, backups), on SQLite and a real PostgreSQL.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportBackup } from "@/db/backup/export";
import { parseBackup, serializeBackup } from "@/db/backup/format";
import { importBackup } from "@/db/backup/import";
import { openDatabase, type Database } from "@/db/connect";
import { migrateDatabase } from "@/db/migrate";
import { parseDatabaseUrl } from "@/db/url";
import { closeInstances, contractTargets, loadWithDatabaseUrl, migratedDatabase } from "../support/contract-databases";

async function loadModules(databaseUrl: string) {
  const [client, migrate, restatements, comments, moderation, account] = await loadWithDatabaseUrl(
    databaseUrl,
    () =>
      Promise.all([
        import("@/db/client"),
        import("@/db/migrate"),
        import("@/db/queries/restatements"),
        import("@/db/queries/comments"),
        import("@/db/queries/moderation"),
        import("@/db/queries/account"),
      ]),
    { ADMIN_EMAILS: "mod@example.org" },
  );
  return { client, migrate, restatements, comments, moderation, account };
}
type Modules = Awaited<ReturnType<typeof loadModules>>;

const targets = contractTargets("essays-restatements-db-");
const base = new Date("2030-06-01T00:00:00.000Z");
const at = (ms: number) => new Date(base.getTime() + ms);
const limits = { perMinute: 100, perDay: 1000 };
const SAID = "force is sometimes the only way to stop a greater harm.";

for (const target of targets) {
  describe.skipIf(target.skip)(`restatement queries on ${target.dialect}`, () => {
    let databaseUrl: string;
    let m: Modules;
    const opened: Database[] = [];
    let moderator: { id: string; name: string };

    beforeAll(async () => {
      ({ databaseUrl, m } = await migratedDatabase(target, loadModules));
      moderator = { id: await insertUser("mod@example.org"), name: "Mod" };
      const { db, schema } = m.client.getDb();
      await db.update(schema.users).set({ emailVerified: base }).where(eq(schema.users.id, moderator.id));
    });
    afterAll(async () => {
      for (const database of opened) await database.close();
      await closeInstances([m]);
    });

    let userCounter = 0;
    async function insertUser(email = `restater${++userCounter}@example.org`) {
      const { db, schema } = m.client.getDb();
      const [row] = await db.insert(schema.users).values({ email, displayName: email.split("@")[0], nameConfirmedAt: base, createdAt: at(-86_400_000) }).returning({ id: schema.users.id });
      if (!row) throw new Error("insert returned no row");
      return row.id;
    }
    let essayCounter = 0;
    const post = (values: { essayPath: string; authorId: string; parentId?: number | null; disagrees?: boolean; restatement?: string | null }) =>
      m.comments.insertComment({ parentId: null, body: `Words ${Math.random()}`, bodyHtml: "<p>Words</p>", renderVersion: 1, limits, now: at(0), ...values });
    const idOf = (result: Awaited<ReturnType<typeof post>>) => {
      if (!result.ok) throw new Error(`not posted: ${JSON.stringify(result)}`);
      return result.id;
    };

    async function scene() {
      const essayPath = `/restate/06/01/essay-${++essayCounter}`;
      const ada = await insertUser();
      const ben = await insertUser();
      const claim = idOf(await post({ essayPath, authorId: ada }));
      const reply = idOf(await post({ essayPath, authorId: ben, parentId: claim, disagrees: true, restatement: SAID }));
      return { essayPath, ada, ben, claim, reply };
    }
    const disagreementOf = async (essayPath: string, id: number) => (await m.comments.getThreadByEssay({ essayPath })).find((row) => row.id === id)?.disagreement;

    it("a disagreeing reply keeps its restatement; the person restated confirms it once, and the thread shows both", async () => {
      const s = await scene();
      expect(await disagreementOf(s.essayPath, s.reply)).toEqual({ restatement: SAID, answer: null });
      expect(await disagreementOf(s.essayPath, s.claim)).toBeNull();
      const answer = (values: Partial<Parameters<Modules["restatements"]["answerRestatement"]>[0]>) =>
        m.restatements.answerRestatement({ commentId: s.reply, answererId: s.ada, verdict: "confirmed", correction: null, now: at(1_000), ...values });
      expect(await answer({ answererId: s.ben })).toEqual({ ok: false, reason: "not-yours" });
      expect(await answer({})).toEqual({ ok: true, essayPath: s.essayPath, parentId: s.claim });
      expect(await answer({ verdict: "not-quite", correction: "Changed my answer.", now: at(2_000) })).toEqual({ ok: false, reason: "already-answered" });
      expect(await disagreementOf(s.essayPath, s.reply)).toEqual({ restatement: SAID, answer: { verdict: "confirmed", correction: null, at: at(1_000) } });
    });

    it("“not quite” keeps what the person restated would correct", async () => {
      const s = await scene();
      expect(await m.restatements.answerRestatement({ commentId: s.reply, answererId: s.ada, verdict: "not-quite", correction: "Only once talk has failed.", now: at(1_000) })).toMatchObject({ ok: true });
      expect(await disagreementOf(s.essayPath, s.reply)).toEqual({ restatement: SAID, answer: { verdict: "not-quite", correction: "Only once talk has failed.", at: at(1_000) } });
    });

    it("a skipped restatement, a top-level comment and a missing, hidden or banned case are refused and store nothing", async () => {
      const s = await scene();
      const skipped = idOf(await post({ essayPath: s.essayPath, authorId: s.ben, parentId: s.claim, disagrees: true, restatement: null }));
      expect(await disagreementOf(s.essayPath, skipped)).toEqual({ restatement: null, answer: null });
      // insertComment never stores a stance on a top-level comment.
      const top = idOf(await post({ essayPath: s.essayPath, authorId: s.ben, disagrees: true, restatement: SAID }));
      expect(await disagreementOf(s.essayPath, top)).toBeNull();
      const answer = (commentId: number, answererId = s.ada) => m.restatements.answerRestatement({ commentId, answererId, verdict: "confirmed", correction: null, now: at(1_000) });
      expect(await answer(skipped)).toEqual({ ok: false, reason: "no-restatement" });
      expect(await answer(2_147_483_000)).toEqual({ ok: false, reason: "not-found" });
      expect(await m.moderation.hideComment({ commentId: s.reply, actor: moderator, reason: "Spam", now: at(500) })).toMatchObject({ ok: true });
      expect(await answer(s.reply)).toEqual({ ok: false, reason: "not-shown" });
      expect(await disagreementOf(s.essayPath, s.reply)).toBeNull();

      const banned = await scene();
      expect(await m.moderation.banUser({ userId: banned.ada, actor: moderator, reason: "Rude", endsAt: null, hideComments: false, now: at(0) })).toMatchObject({ ok: true });
      expect(await answer(banned.reply, banned.ada)).toMatchObject({ ok: false, reason: "banned" });
      expect(await disagreementOf(banned.essayPath, banned.reply)).toEqual({ restatement: SAID, answer: null });
    });

    it("the download holds the reader's restatements; leaving with comments erased removes them and their corrections on others' replies", async () => {
      const s = await scene();
      await m.restatements.answerRestatement({ commentId: s.reply, answererId: s.ada, verdict: "not-quite", correction: "Only once talk has failed.", now: at(1_000) });
      const download = await m.account.getReaderExport({ userId: s.ben });
      expect(download?.comments.find((comment) => comment.id === s.reply)).toMatchObject({ disagrees: true, restatement: SAID, restatementVerdict: "not-quite", restatementCorrection: "Only once talk has failed." });
      expect(await m.account.deleteAccount({ userId: s.ada, deleteComments: true, now: at(5_000) })).toMatchObject({ ok: true });
      expect(await disagreementOf(s.essayPath, s.reply)).toEqual({ restatement: SAID, answer: { verdict: "not-quite", correction: null, at: at(1_000) } });
      expect(await m.account.deleteAccount({ userId: s.ben, deleteComments: true, now: at(6_000) })).toMatchObject({ ok: true });
      const { db, schema } = m.client.getDb();
      const [row] = await db.select({ restatement: schema.comments.restatement }).from(schema.comments).where(eq(schema.comments.id, s.reply));
      expect(row).toEqual({ restatement: null });
    });

    it("a backup carries restatements and answers: export → import → export is identical", async () => {
      const s = await scene();
      await m.restatements.answerRestatement({ commentId: s.reply, answererId: s.ada, verdict: "confirmed", correction: null, now: at(1_000) });
      const source = openDatabase(parseDatabaseUrl(databaseUrl, "data"));
      opened.push(source);
      const first = serializeBackup(await exportBackup({ database: source }));
      const parsed = parseBackup(first);
      if (!parsed.ok) throw new Error(parsed.problems.join("\n"));
      expect(parsed.backup.comments.find((row) => row.id === s.reply)).toMatchObject({ disagrees: true, restatement: SAID, restatementVerdict: "confirmed", restatementAnsweredAt: at(1_000).toISOString() });
      const config = parseDatabaseUrl(await target.createDatabaseUrl(), "data");
      await migrateDatabase({ config });
      const copy = openDatabase(config);
      opened.push(copy);
      await importBackup({ database: copy, backup: parsed.backup });
      expect(serializeBackup(await exportBackup({ database: copy }))).toBe(first);
    });
  });
}
