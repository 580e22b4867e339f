// The whole-database export and import (db/backup), against SQLite files and real PostgreSQL
// databases (tests/support/vitest-global-setup.ts starts the server; one database per use).
import { getTableColumns } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { exportBackup } from "@/db/backup/export";
import { BACKUP_ROW_SCHEMAS, BACKUP_TABLE_NAMES, orderParentsFirst, parseBackup, serializeBackup, type Backup } from "@/db/backup/format";
import { DatabaseNotEmptyError, importBackup } from "@/db/backup/import";
import { backupTables } from "@/db/backup/tables";
import { openDatabase, type Database } from "@/db/connect";
import { migrateDatabase } from "@/db/migrate";
import * as pgSchema from "@/db/schema/pg";
import * as sqliteSchema from "@/db/schema/sqlite";
import { parseDatabaseUrl } from "@/db/url";
import { contractTargets, type ContractDialect } from "../support/contract-databases";

const targets = contractTargets("essays-backup-db-");
const opened: Database[] = [];

const targetOf = (dialect: ContractDialect) => targets.find((target) => target.dialect === dialect)!;

/** A new, migrated, empty database of the dialect. */
async function freshDatabase(dialect: ContractDialect): Promise<Database> {
  const config = parseDatabaseUrl(await targetOf(dialect).createDatabaseUrl(), "data");
  await migrateDatabase({ config });
  const database = openDatabase(config);
  opened.push(database);
  return database;
}

afterAll(async () => {
  for (const database of opened) await database.close();
});

const at = (iso: string) => new Date(iso);

/**
 * Every table with rows, nulls and non-nulls, ids with gaps, a reply whose id is SMALLER than
 * its parent's (written out of order by an import), and secrets that must stay out of the file.
 */
async function seed(database: Database) {
  const { db, schema } = database;
  await db.insert(schema.users).values([
    { id: "user-moderator", name: "Mo Derator", displayName: "Mo", nameConfirmedAt: at("2030-01-01T11:00:00.000Z"), email: "mo@example.org", emailVerified: at("2030-01-01T10:00:00.123Z"), image: "https://img.example/mo.png", notify: "never", commentsApprovedAt: at("2030-01-02T00:00:00.000Z"), createdAt: at("2030-01-01T09:00:00.000Z") },
    { id: "user-ada", name: "Ada", email: "ada@example.org", createdAt: at("2030-01-03T09:00:00.456Z") },
    { id: "user-nameless", createdAt: at("2030-01-04T09:00:00.000Z") },
  ]);
  await db.insert(schema.accounts).values({ userId: "user-ada", type: "oidc", provider: "mock", providerAccountId: "sub-ada", access_token: "SECRET-ACCESS-TOKEN", refresh_token: "SECRET-REFRESH-TOKEN", id_token: "SECRET-ID-TOKEN" });
  await db.insert(schema.sessions).values({ sessionToken: "SECRET-SESSION", userId: "user-ada", expires: at("2031-01-01T00:00:00.000Z") });
  await db.insert(schema.verificationTokens).values({ identifier: "ada@example.org", token: "SECRET-VERIFICATION", expires: at("2031-01-01T00:00:00.000Z") });
  await db.insert(schema.rateLimitHits).values({ bucket: "sign-in-email", key: "ada@example.org", at: at("2030-01-01T00:00:00.000Z") });
  await db.insert(schema.outbox).values({ kind: "reply", dedupeKey: "reply:1:user-ada", toAddress: "ada@example.org", subject: "SECRET-OUTBOX", text: "t", html: "t" });

  await db.insert(schema.comments).values([
    { id: 2, essayPath: "/politics/08/23/essay", authorId: "user-ada", body: "Root *one*", bodyHtml: "<p>Root <em>one</em></p>", createdAt: at("2030-02-01T00:00:00.001Z") },
    { id: 9, essayPath: "/politics/08/23/essay", parentId: 2, authorId: "user-moderator", body: "Parent written later", bodyHtml: "<p>Parent written later</p>", editedAt: at("2030-02-02T00:00:00.000Z"), createdAt: at("2030-02-01T12:00:00.000Z") },
  ]);
  await db.insert(schema.comments).values([
    { id: 5, essayPath: "/politics/08/23/essay", parentId: 9, authorId: null, authorName: "Old Timer", body: "Imported reply", bodyHtml: "<p>Imported reply</p>", renderVersion: 1, createdAt: at("2010-08-23T16:12:04.000Z"), sourceId: "wxr:old.example:4101" },
    { id: 7, essayPath: "/other/01/01/essay", authorId: "user-nameless", body: "Hidden text", bodyHtml: "<p>Hidden text</p>", status: "hidden", moderationReason: "Personal attack", createdAt: at("2030-02-03T00:00:00.000Z") },
    { id: 8, essayPath: "/other/01/01/essay", authorId: "user-ada", body: "Deleted \"quoted\" ✓ ünïcødé", bodyHtml: "<p>Deleted</p>", deletedAt: at("2030-02-05T00:00:00.000Z"), createdAt: at("2030-02-04T00:00:00.000Z") },
    { id: 12, essayPath: "/other/01/01/essay", authorId: "user-ada", body: "Waiting", bodyHtml: "<p>Waiting</p>", status: "pending", createdAt: at("2030-02-06T00:00:00.000Z") },
  ]);
  await db.insert(schema.commentRevisions).values([
    { id: 3, commentId: 9, body: "Parent, first draft", bodyHtml: "<p>Parent, first draft</p>", writtenAt: at("2030-02-01T12:00:00.000Z"), replacedAt: at("2030-02-02T00:00:00.000Z") },
  ]);
  await db.insert(schema.reports).values([
    { id: 4, commentId: 7, reporterId: "user-ada", reason: "Rude", createdAt: at("2030-02-03T01:00:00.000Z"), resolvedAt: at("2030-02-03T02:00:00.000Z"), resolvedBy: "user-moderator", resolution: "hidden" },
    { id: 6, commentId: 2, reporterId: "user-nameless", reason: "Spam?", createdAt: at("2030-02-03T03:00:00.000Z") },
  ]);
  await db.insert(schema.bans).values([
    { id: 1, userId: "user-nameless", reason: "Attacks", endsAt: at("2030-03-01T00:00:00.000Z"), createdBy: "user-moderator", createdAt: at("2030-02-03T02:00:00.000Z"), liftedAt: at("2030-02-10T00:00:00.000Z"), liftedBy: "user-moderator" },
  ]);
  await db.insert(schema.threadLocks).values([
    { essayPath: "/other/01/01/essay", lockedBy: "user-moderator", reason: "Cooling off", lockedAt: at("2030-02-03T02:00:00.000Z") },
    { essayPath: "/a/01/01/first", lockedBy: null, reason: null, lockedAt: at("2030-02-04T02:00:00.000Z") },
  ]);
  await db.insert(schema.moderationLog).values([
    { id: 10, actorId: "user-moderator", actorName: "Mo", action: "hide", commentId: 7, essayPath: "/other/01/01/essay", reason: "Personal attack", createdAt: at("2030-02-03T02:00:00.000Z") },
    { id: 11, actorId: null, actorName: "A former moderator", action: "ban", targetUserId: "user-nameless", createdAt: at("2030-02-03T02:00:01.000Z") },
  ]);
  // Both axes, a changed vote (updatedAt after createdAt), a reason, and a vote on a hidden comment.
  await db.insert(schema.commentVotes).values([
    { id: 3, commentId: 2, voterId: "user-moderator", axis: "value", value: "up", createdAt: at("2030-02-07T00:00:00.001Z"), updatedAt: at("2030-02-07T00:00:00.001Z") },
    { id: 4, commentId: 2, voterId: "user-moderator", axis: "stance", value: "disagree", createdAt: at("2030-02-07T00:00:01.000Z"), updatedAt: at("2030-02-08T00:00:00.999Z") },
    { id: 8, commentId: 9, voterId: "user-nameless", axis: "value", value: "down", reason: "no-argument", createdAt: at("2030-02-07T00:00:02.000Z"), updatedAt: at("2030-02-07T00:00:02.000Z") },
    { id: 6, commentId: 7, voterId: "user-ada", axis: "stance", value: "agree", createdAt: at("2030-02-03T00:30:00.000Z"), updatedAt: at("2030-02-03T00:30:00.000Z") },
  ]);
}

describe("backup format", () => {
  it("covers every column of every backed-up table, on both schemas", () => {
    for (const schema of [pgSchema, sqliteSchema]) {
      const tables = backupTables(schema as unknown as typeof pgSchema);
      for (const name of BACKUP_TABLE_NAMES) {
        expect(Object.keys(BACKUP_ROW_SCHEMAS[name].shape).sort(), name).toEqual(Object.keys(getTableColumns(tables[name])).sort());
      }
    }
  });

  it("orders parents before replies whatever their ids", () => {
    const rows = [
      { id: 1, parentId: 5 },
      { id: 5, parentId: 9 },
      { id: 9, parentId: null },
      { id: 2, parentId: null },
      { id: 3, parentId: 2 },
    ];
    expect(orderParentsFirst(rows).map((row) => row.id)).toEqual([2, 9, 3, 5, 1]);
  });

  it("refuses bad files with the JSON path of each problem, before any database is involved", () => {
    const empty = { format: "essays-comments", version: 1, users: [], comments: [], commentRevisions: [], reports: [], bans: [], threadLocks: [], moderationLog: [] };
    const comment = { id: 1, essayPath: "/a/01/01/b", parentId: null, authorId: null, authorName: null, body: "x", bodyHtml: "<p>x</p>", renderVersion: 1, status: "published", moderationReason: null, deletedAt: null, editedAt: null, createdAt: "2030-01-01T00:00:00.000Z", sourceId: null };
    const problems = (value: unknown) => {
      const result = parseBackup(typeof value === "string" ? value : JSON.stringify(value));
      return result.ok ? [] : result.problems;
    };
    expect(problems("{ not json")[0]).toMatch(/^not valid JSON/);
    expect(problems({ hello: 1 })).toEqual(['not a comments export: expected "format": "essays-comments" at the top of the file']);
    expect(problems({ ...empty, version: 2 })[0]).toMatch(/version 2 .* reads version 1/);
    expect(problems({ ...empty, comments: [{ ...comment, createdAt: "yesterday" }, { ...comment, id: 2, status: "spam" }] })).toEqual([
      "comments[0].createdAt: expected a UTC time such as 2010-08-23T14:30:00.000Z",
      expect.stringMatching(/^comments\[1\]\.status: /),
    ]);
    expect(problems({ ...empty, comments: [{ ...comment, secret: 1 }] })[0]).toMatch(/^comments\[0\]: .*secret/);
    expect(problems({ ...empty, comments: [{ ...comment, parentId: 7 }, { ...comment, authorId: "ghost" }] })).toEqual([
      "comments[1].id: 1 appears twice",
      "comments[0].parentId: 7 is not a comment id in this file",
      'comments[1].authorId: "ghost" is not a user id in this file',
    ]);
    expect(problems({ ...empty, comments: [{ ...comment, parentId: 2 }, { ...comment, id: 2, parentId: 1 }] })).toEqual([
      "comments: some parentId chains loop back on themselves; a reply cannot be its own ancestor",
    ]);
    const vote = { id: 1, commentId: 1, voterId: "user-a", axis: "value", value: "up", reason: null, createdAt: "2030-01-01T00:00:00.000Z", updatedAt: "2030-01-01T00:00:00.000Z" };
    const withVotes = { ...empty, users: [{ id: "user-a", name: null, displayName: null, email: null, emailVerified: null, image: null, notify: "replies", commentsApprovedAt: null, createdAt: "2030-01-01T00:00:00.000Z" }], comments: [comment] };
    expect(problems({ ...withVotes, commentVotes: [vote] })).toEqual([]);
    expect(
      problems({
        ...withVotes,
        commentVotes: [
          { ...vote, commentId: 3 },
          { ...vote, id: 2, voterId: "ghost", axis: "stance" },
          { ...vote, id: 3, reason: "off-topic" },
          { ...vote, id: 4, axis: "stance", value: "agree" },
          { ...vote, id: 5, axis: "stance", value: "agree" },
        ],
      }),
    ).toEqual([
      "commentVotes[4].axis: \"1 user-a stance\" appears twice",
      "commentVotes[0].commentId: 3 is not a comment id in this file",
      'commentVotes[1].voterId: "ghost" is not a user id in this file',
      'commentVotes[1].value: a stance vote is agree or disagree, not "up"',
      'commentVotes[2].reason: only a "down" vote has a reason',
    ]);
    expect(problems({ ...withVotes, commentVotes: [{ ...vote, value: "meh" }] })[0]).toMatch(/^commentVotes\[0\]\.value: /);
    expect(problems(empty)).toEqual([]);
  });

  it("reads a file written before votes existed as one without votes", () => {
    const { commentVotes: _none, ...before } = { format: "essays-comments", version: 1, users: [], comments: [], commentRevisions: [], reports: [], bans: [], threadLocks: [], moderationLog: [], commentVotes: [] };
    const result = parseBackup(JSON.stringify(before));
    expect(result.ok && result.backup.commentVotes).toEqual([]);
  });
});

for (const { dialect, skip } of targets) {
  describe.skipIf(skip)(`backup on ${dialect}`, () => {
    it("export → import into an empty database → export gives the same bytes, without secrets", async () => {
      const source = await freshDatabase(dialect);
      await seed(source);
      const first = serializeBackup(await exportBackup({ database: source }));
      expect(first).not.toMatch(/SECRET/);
      expect(first.endsWith("}\n")).toBe(true);

      const parsed = parseBackup(first);
      if (!parsed.ok) throw new Error(parsed.problems.join("\n"));
      expect(parsed.backup.comments.map((c) => c.id)).toEqual([2, 5, 7, 8, 9, 12]);
      expect(parsed.backup.users.map((u) => u.id)).toEqual(["user-ada", "user-moderator", "user-nameless"]);
      expect(parsed.backup.users.find((u) => u.id === "user-moderator")).toEqual({
        id: "user-moderator",
        name: "Mo Derator",
        displayName: "Mo",
        nameConfirmedAt: "2030-01-01T11:00:00.000Z",
        email: "mo@example.org",
        emailVerified: "2030-01-01T10:00:00.123Z",
        image: "https://img.example/mo.png",
        notify: "never",
        commentsApprovedAt: "2030-01-02T00:00:00.000Z",
        createdAt: "2030-01-01T09:00:00.000Z",
      });

      const target = await freshDatabase(dialect);
      const written = await importBackup({ database: target, backup: parsed.backup });
      // Retractions, Δs and passages have contract tests of their own (db-retractions-, db-deltas-, db-passages-contract).
      expect(written).toEqual({ users: 3, comments: 6, commentRevisions: 1, reports: 2, bans: 1, threadLocks: 2, moderationLog: 2, commentVotes: 4, commentRetractions: 0, commentDeltas: 0, essayRevisions: 0, commentPassages: 0 });
      expect(parsed.backup.commentVotes.find((vote) => vote.id === 4)).toEqual({
        id: 4,
        commentId: 2,
        voterId: "user-moderator",
        axis: "stance",
        value: "disagree",
        reason: null,
        createdAt: "2030-02-07T00:00:01.000Z",
        updatedAt: "2030-02-08T00:00:00.999Z",
      });
      expect(serializeBackup(await exportBackup({ database: target }))).toBe(first);
      // Secrets were never there to import.
      expect(await target.db.select().from(target.schema.sessions)).toEqual([]);
      expect(await target.db.select().from(target.schema.accounts)).toEqual([]);
    });

    it("moves id sequences past the imported ids, so new rows do not collide", async () => {
      const source = await freshDatabase(dialect);
      await seed(source);
      const target = await freshDatabase(dialect);
      await importBackup({ database: target, backup: await exportBackup({ database: source }) });
      const { db, schema } = target;
      const [comment] = await db.insert(schema.comments).values({ essayPath: "/x/01/01/y", body: "new", bodyHtml: "<p>new</p>" }).returning({ id: schema.comments.id });
      const [log] = await db.insert(schema.moderationLog).values({ actorName: "x", action: "lock" }).returning({ id: schema.moderationLog.id });
      const [revision] = await db
        .insert(schema.commentRevisions)
        .values({ commentId: 2, body: "b", bodyHtml: "b", writtenAt: new Date(), replacedAt: new Date() })
        .returning({ id: schema.commentRevisions.id });
      const [vote] = await db
        .insert(schema.commentVotes)
        .values({ commentId: 5, voterId: "user-ada", axis: "value", value: "up" })
        .returning({ id: schema.commentVotes.id });
      expect(comment?.id).toBe(13);
      expect(log?.id).toBe(12);
      expect(revision?.id).toBe(4);
      expect(vote?.id).toBe(9);
    });

    it("refuses a database that is not empty, naming its tables, and writes nothing", async () => {
      const source = await freshDatabase(dialect);
      await seed(source);
      const backup = await exportBackup({ database: source });
      const before = serializeBackup(backup);
      const error = await importBackup({ database: source, backup }).catch((caught: unknown) => caught);
      expect(error).toBeInstanceOf(DatabaseNotEmptyError);
      expect((error as DatabaseNotEmptyError).tables).toEqual([
        { table: "users", rows: 3 },
        { table: "comments", rows: 6 },
        { table: "comment_revisions", rows: 1 },
        { table: "reports", rows: 2 },
        { table: "bans", rows: 1 },
        { table: "thread_locks", rows: 2 },
        { table: "moderation_log", rows: 2 },
        { table: "comment_votes", rows: 4 },
      ]);
      expect((error as Error).message).toMatch(/^The database is not empty: users \(3 rows\), comments \(6 rows\)/);
      expect(serializeBackup(await exportBackup({ database: source }))).toBe(before);
    });

    it("imports all or nothing: a row the database refuses at the end rolls back every table", async () => {
      const source = await freshDatabase(dialect);
      await seed(source);
      const backup: Backup = await exportBackup({ database: source });
      // Passes the file checks, but breaks the one-report-per-reader-per-comment index, and
      // reports are written after users, comments and revisions.
      const duplicate = { ...backup.reports[0]!, id: 99 };
      const broken = { ...backup, reports: [...backup.reports, duplicate] };
      expect(parseBackup(serializeBackup(broken)).ok).toBe(true);

      const target = await freshDatabase(dialect);
      await expect(importBackup({ database: target, backup: broken })).rejects.toThrow();
      const { db } = target;
      const tables = backupTables(target.schema);
      for (const name of BACKUP_TABLE_NAMES) expect(await db.select().from(tables[name]), name).toEqual([]);
      // And the same database then takes the good file.
      await importBackup({ database: target, backup });
      expect(serializeBackup(await exportBackup({ database: target }))).toBe(serializeBackup(backup));
    });
  });
}

describe.skipIf(targetOf("postgres").skip)("backup across dialects", () => {
  it("SQLite → PostgreSQL → export, and back to SQLite, gives the same bytes", async () => {
    const sqlite = await freshDatabase("sqlite");
    await seed(sqlite);
    const fromSqlite = serializeBackup(await exportBackup({ database: sqlite }));

    const postgres = await freshDatabase("postgres");
    const parsed = parseBackup(fromSqlite);
    if (!parsed.ok) throw new Error(parsed.problems.join("\n"));
    await importBackup({ database: postgres, backup: parsed.backup });
    const fromPostgres = serializeBackup(await exportBackup({ database: postgres }));
    expect(fromPostgres).toBe(fromSqlite);

    const sqliteAgain = await freshDatabase("sqlite");
    await importBackup({ database: sqliteAgain, backup: parsed.backup });
    expect(serializeBackup(await exportBackup({ database: sqliteAgain }))).toBe(fromSqlite);
  });
});
