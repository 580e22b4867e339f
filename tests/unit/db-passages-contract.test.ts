// Essay revisions and passage anchors (db/queries/passages.ts, issue 15) on SQLite (a temp file)
// and a real PostgreSQL server, like the other contract tests.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { exportBackup } from "@/db/backup/export";
import { parseBackup, serializeBackup } from "@/db/backup/format";
import { importBackup } from "@/db/backup/import";
import { openDatabase, type Database } from "@/db/connect";
import { migrateDatabase } from "@/db/migrate";
import { parseDatabaseUrl } from "@/db/url";
import type { BlockText } from "@/lib/anchors/block-ids";
import { closeInstances, contractTargets, loadWithDatabaseUrl, migratedDatabase } from "../support/contract-databases";

async function loadModules(databaseUrl: string) {
  const [client, migrate, passages] = await loadWithDatabaseUrl(databaseUrl, () =>
    Promise.all([import("@/db/client"), import("@/db/migrate"), import("@/db/queries/passages")]),
    { ADMIN_EMAILS: "writer@example.org" },
  );
  return { client, migrate, passages };
}
type Modules = Awaited<ReturnType<typeof loadModules>>;

const targets = contractTargets("essays-passages-db-");
const p = (text: string): BlockText => ({ kind: "paragraph", text });
const FIRST = [p("We need genuine dialogue with people who make us uncomfortable."), p("Force ends the conversation. Talk keeps it open."), p("A closing thought.")];

for (const target of targets) {
  describe.skipIf(target.skip)(`passage queries on ${target.dialect}`, () => {
    let m: Modules;
    let databaseUrl: string;
    const opened: Database[] = [];
    beforeAll(async () => {
      ({ databaseUrl, m } = await migratedDatabase(target, loadModules));
    });
    afterAll(async () => {
      for (const database of opened) await database.close();
      await closeInstances([m]);
    });

    let essayCounter = 0;
    const newEssay = () => `/passages/06/01/essay-${++essayCounter}`;

    async function insertComment(essayPath: string) {
      const { db, schema } = m.client.getDb();
      const [row] = await db.insert(schema.comments).values({ essayPath, body: "Words", bodyHtml: "<p>Words</p>" }).returning({ id: schema.comments.id });
      if (!row) throw new Error("insert returned no row");
      return row.id;
    }

    async function respond(essayPath: string, revisionId: string, blockId: string, exact: string, text: string) {
      const start = text.indexOf(exact);
      return m.client.withTransaction(async (tx) => {
        const checked = await m.passages.checkPassage(tx, essayPath, { revisionId, blockId, start, end: start + exact.length, exact });
        if (!checked.ok) return checked;
        const commentId = await insertComment(essayPath);
        await m.passages.insertPassage(tx, commentId, checked.values);
        return { ok: true as const, commentId };
      });
    }

    it("records a revision once, by its content, with block ids; the same content answers the same revision", async () => {
      const essayPath = newEssay();
      const first = await m.passages.recordRevision(essayPath, FIRST);
      expect(first.created).toBe(true);
      expect(first.revision.blocks.map((b) => b.text)).toEqual(FIRST.map((b) => b.text));
      const again = await m.passages.recordRevision(essayPath, FIRST);
      expect(again).toMatchObject({ created: false, revision: { id: first.revision.id } });
      expect(again.revision.blocks).toEqual(first.revision.blocks);
    });

    it("stores a passage checked against its revision; the context comes from the revision, not the request", async () => {
      const essayPath = newEssay();
      const { revision } = await m.passages.recordRevision(essayPath, FIRST);
      const block = revision.blocks[1]!;
      const result = await respond(essayPath, revision.id, block.id, "Talk keeps it open", block.text);
      expect(result.ok).toBe(true);
      if (!result.ok) return;
      const [placed] = await m.passages.passagesOf([result.commentId]);
      expect(placed).toEqual({ commentId: result.commentId, exact: "Talk keeps it open", revisionId: revision.id, placement: "anchored", blockId: block.id, start: 29, end: 47 });
      const { db, schema } = m.client.getDb();
      const [row] = await db.select().from(schema.commentPassages).where(eq(schema.commentPassages.commentId, result.commentId));
      expect(row).toMatchObject({ prefix: "", suffix: "." });
    });

    it("refuses forged input and stores nothing: unknown revision or block, another essay's revision, offsets outside the block, a quote that is not the text", async () => {
      const essayPath = newEssay();
      const other = newEssay();
      const { revision } = await m.passages.recordRevision(essayPath, FIRST);
      const { revision: otherRevision } = await m.passages.recordRevision(other, [p("Something else entirely.")]);
      const block = revision.blocks[0]!;
      const check = (input: Partial<{ revisionId: string; blockId: string; start: number; end: number; exact: string }>) =>
        m.client.withTransaction((tx) => m.passages.checkPassage(tx, essayPath, { revisionId: revision.id, blockId: block.id, start: 8, end: 24, exact: "genuine dialogue", ...input }));
      expect(await check({})).toMatchObject({ ok: true });
      expect(await check({ revisionId: "rforged" })).toEqual({ ok: false, reason: "unknown-revision" });
      expect(await check({ revisionId: otherRevision.id })).toEqual({ ok: false, reason: "other-essay" });
      expect(await check({ blockId: "bforged" })).toEqual({ ok: false, reason: "unknown-block" });
      expect(await check({ start: 8, end: 5_000 })).toEqual({ ok: false, reason: "outside-block" });
      expect(await check({ start: -1 })).toEqual({ ok: false, reason: "outside-block" });
      expect(await check({ exact: "genuine monologue" })).toEqual({ ok: false, reason: "quote-mismatch" });
      const { db, schema } = m.client.getDb();
      expect(await db.select().from(schema.commentPassages).where(eq(schema.commentPassages.revisionId, otherRevision.id))).toEqual([]);
    });

    it("a new revision keeps block ids, re-anchors every passage, marks edited words changed and a deleted block's passage orphaned, listed for the writer", async () => {
      const essayPath = newEssay();
      const { revision } = await m.passages.recordRevision(essayPath, FIRST);
      const [b0, b1, b2] = revision.blocks as [typeof revision.blocks[0], typeof revision.blocks[0], typeof revision.blocks[0]];
      const kept = await respond(essayPath, revision.id, b1.id, "Force ends the conversation", b1.text);
      const edited = await respond(essayPath, revision.id, b0.id, "genuine dialogue", b0.text);
      const removed = await respond(essayPath, revision.id, b2.id, "closing thought", b2.text);
      if (!kept.ok || !edited.ok || !removed.ok) throw new Error("setup failed");

      const next = [p("An opening added later."), p("We need real dialogue with people who make us uncomfortable."), p("Force ends the conversation. Talk keeps it open.")];
      const second = await m.passages.recordRevision(essayPath, next);
      expect(second).toMatchObject({ created: true, reanchored: 3 });
      expect(second.revision.blocks[1]!.id).toBe(b0.id);
      expect(second.revision.blocks[2]!.id).toBe(b1.id);

      const placed = new Map((await m.passages.passagesOf([kept.commentId, edited.commentId, removed.commentId])).map((row) => [row.commentId, row]));
      expect(placed.get(kept.commentId)).toMatchObject({ placement: "anchored", blockId: b1.id, start: 0, end: 27 });
      expect(placed.get(edited.commentId)).toMatchObject({ placement: "changed", blockId: b0.id, exact: "genuine dialogue" });
      expect(placed.get(removed.commentId)).toMatchObject({ placement: "orphaned", blockId: b1.id, start: null });

      // A reader still on the old page responds to the old revision: placed in the latest at once.
      const late = await respond(essayPath, revision.id, b1.id, "Talk keeps it open", b1.text);
      if (!late.ok) throw new Error("late response refused");
      expect((await m.passages.passagesOf([late.commentId]))[0]).toMatchObject({ placement: "anchored", blockId: b1.id, start: 29, revisionId: revision.id });

      // The essay page: marks and counts per block; the orphan is a response to an earlier version at b1.
      const marks = new Map((await m.passages.passagesByBlock(essayPath, second.revision.id)).map((block) => [block.blockId, block]));
      expect(marks.get(b1.id)).toEqual({ blockId: b1.id, ranges: [[0, 27], [29, 47]], count: 2, firstCommentId: kept.commentId, earlier: { count: 1, firstCommentId: removed.commentId } });
      expect(marks.get(b0.id)).toEqual({ blockId: b0.id, ranges: [], count: 1, firstCommentId: edited.commentId });
      // The thread: each quote with the revision and block it was written on, and where it is now.
      const quoted = new Map((await m.passages.threadPassages(essayPath)).map((row) => [row.commentId, row]));
      expect(quoted.get(removed.commentId)).toEqual({ commentId: removed.commentId, exact: "closing thought", placement: "orphaned", revisionId: revision.id, writtenBlockId: b2.id, blockId: b1.id });
      expect(quoted.get(edited.commentId)).toMatchObject({ placement: "changed", writtenBlockId: b0.id, blockId: b0.id });
      // The writer's list on /admin: the quote as written, beside the paragraph readers see it at.
      const orphans = await m.passages.listOrphanedPassages({ limit: 100, offset: 0 });
      expect(orphans.filter((row) => row.essayPath === essayPath)).toEqual([
        { commentId: removed.commentId, essayPath, exact: "closing thought", revisionId: revision.id, nearBlockId: b1.id, nearBlockText: next[2]!.text, blocks: second.revision.blocks.map(({ id, text }) => ({ id, text })) },
      ]);
    });

    it("the writer re-attaches an orphan by hand to words of the latest revision: logged, honest about other words, kept through the next revision", async () => {
      const { db, schema } = m.client.getDb();
      const [writer] = await db.insert(schema.users).values({ email: "writer@example.org", name: "Wren Writer", emailVerified: new Date() }).onConflictDoNothing().returning({ id: schema.users.id });
      const [reader] = await db.insert(schema.users).values({ email: `reader-${essayCounter}@example.org`, name: "Rae" }).returning({ id: schema.users.id });
      const actorRow = writer ?? (await db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, "writer@example.org")))[0];
      if (!actorRow || !reader) throw new Error("setup failed");
      const actor = { id: actorRow.id, name: "Wren Writer" };
      const essayPath = newEssay();
      const { revision } = await m.passages.recordRevision(essayPath, FIRST);
      const gone = revision.blocks[2]!;
      const orphan = await respond(essayPath, revision.id, gone.id, "closing thought", gone.text);
      const same = await respond(essayPath, revision.id, gone.id, "A closing", gone.text);
      if (!orphan.ok || !same.ok) throw new Error("setup failed");
      const next = [FIRST[0]!, FIRST[1]!, p("A last word: the closing thought, said again. Talk keeps it open.")];
      // The rewritten last paragraph is a new block: both passages are orphaned (too unlike to move).
      const second = await m.passages.recordRevision(essayPath, next);
      const last = second.revision.blocks[2]!;
      expect(last.id).not.toBe(gone.id);
      expect((await m.passages.passagesOf([orphan.commentId]))[0]).toMatchObject({ placement: "orphaned" });

      const reattach = (values: { commentId?: number; blockId?: string; words: string; actor?: { id: string; name: string } }) =>
        m.passages.reattachPassage({ commentId: orphan.commentId, blockId: last.id, actor, ...values });
      // Refused, and nothing written: a reader, unknown block, words not in the block, words twice in it, a forged comment.
      expect(await reattach({ words: "closing thought", actor: { id: reader.id, name: "Rae" } })).toEqual({ ok: false, reason: "not-moderator" });
      expect(await reattach({ words: "closing thought", blockId: "bforged" })).toEqual({ ok: false, reason: "unknown-block" });
      expect(await reattach({ words: "the opening thought" })).toEqual({ ok: false, reason: "words-not-found" });
      expect(await reattach({ words: "t" })).toEqual({ ok: false, reason: "words-ambiguous" });
      expect(await reattach({ words: "closing thought", commentId: 2_000_000_000 })).toEqual({ ok: false, reason: "not-found" });
      expect(await db.select().from(schema.moderationLog).where(eq(schema.moderationLog.commentId, orphan.commentId))).toEqual([]);

      // The very words: anchored on them. Other words: "changed" (the quote shows as written).
      expect(await reattach({ words: "closing thought" })).toEqual({ ok: true, changed: true, essayPath, placement: "anchored" });
      expect(await reattach({ words: "closing thought" })).toMatchObject({ ok: true, changed: false });
      expect(await m.passages.reattachPassage({ commentId: same.commentId, blockId: last.id, words: "A last word", actor })).toMatchObject({ ok: true, placement: "changed" });
      const placed = new Map((await m.passages.passagesOf([orphan.commentId, same.commentId])).map((row) => [row.commentId, row]));
      expect(placed.get(orphan.commentId)).toMatchObject({ placement: "anchored", blockId: last.id, start: 17, end: 32, exact: "closing thought" });
      expect(placed.get(same.commentId)).toMatchObject({ placement: "changed", blockId: last.id, start: 0, end: 11, exact: "A closing" });
      expect((await m.passages.listOrphanedPassages({ limit: 100, offset: 0 })).filter((row) => row.essayPath === essayPath)).toEqual([]);
      const log = await db.select().from(schema.moderationLog).where(eq(schema.moderationLog.commentId, orphan.commentId));
      expect(log).toEqual([expect.objectContaining({ action: "reattach-passage", actorName: "Wren Writer", essayPath, reason: "Re-attached to “closing thought”" })]);

      // The next revision moves them from the words chosen by hand, not from the original quote.
      const third = await m.passages.recordRevision(essayPath, [p("A new opening."), ...next]);
      expect(third.reanchored).toBe(2);
      const moved = new Map((await m.passages.passagesOf([orphan.commentId, same.commentId])).map((row) => [row.commentId, row]));
      expect(moved.get(orphan.commentId)).toMatchObject({ placement: "anchored", blockId: last.id, start: 17, end: 32 });
      expect(moved.get(same.commentId)).toMatchObject({ placement: "changed", blockId: last.id, start: 0, end: 11 });
    });

    it("revisions and passages go into a backup and come back the same; a passage naming a revision not in the file is refused", async () => {
      const essayPath = newEssay();
      const { revision } = await m.passages.recordRevision(essayPath, FIRST);
      const block = revision.blocks[0]!;
      const result = await respond(essayPath, revision.id, block.id, "genuine dialogue", block.text);
      if (!result.ok) throw new Error("refused");

      const source = openDatabase(parseDatabaseUrl(databaseUrl, "data"));
      opened.push(source);
      const first = serializeBackup(await exportBackup({ database: source }));
      const parsed = parseBackup(first);
      if (!parsed.ok) throw new Error(parsed.problems.join("\n"));
      expect(parsed.backup.commentPassages.find((row) => row.commentId === result.commentId)).toMatchObject({ revisionId: revision.id, exact: "genuine dialogue", placement: "anchored" });
      expect(parsed.backup.essayRevisions.find((row) => row.id === revision.id)?.blocks).toBe(JSON.stringify(revision.blocks));

      const config = parseDatabaseUrl(await target.createDatabaseUrl(), "data");
      await migrateDatabase({ config });
      const copy = openDatabase(config);
      opened.push(copy);
      const written = await importBackup({ database: copy, backup: parsed.backup });
      expect(written.commentPassages).toBe(parsed.backup.commentPassages.length);
      expect(serializeBackup(await exportBackup({ database: copy }))).toBe(first);

      const forged = JSON.parse(first) as { commentPassages: { revisionId: string }[] };
      forged.commentPassages[0]!.revisionId = "rnot-in-file";
      expect(parseBackup(JSON.stringify(forged))).toEqual({ ok: false, problems: ['commentPassages[0].revisionId: "rnot-in-file" is not an essay revision id in this file'] });
    });
  });
}
