// Reads the conversation database into a Backup (db/backup/format.ts). No `server-only`:
// `npm run comments:export` runs this under tsx.
import type { NodePgDatabase } from "drizzle-orm/node-postgres";
import type { Db, Schema } from "@/db/connect";
import { BACKUP_FORMAT, BACKUP_TABLE_NAMES, BACKUP_VERSION, type Backup } from "./format";
import { backupColumns, backupTables, toFileRow, type BackupDatabase } from "./tables";

/**
 * Every backed-up table, one query each, read from one consistent snapshot; rows sorted by
 * their key so the same data always serializes to the same bytes.
 */
export async function exportBackup({ database }: { database: BackupDatabase }): Promise<Backup> {
  return readConsistently(database, async (db) => {
    const tables = backupTables(database.schema);
    const backup: Record<string, unknown> = { format: BACKUP_FORMAT, version: BACKUP_VERSION };
    for (const name of BACKUP_TABLE_NAMES) {
      const table = tables[name];
      const columns = backupColumns(name, table);
      // Only the file's columns are selected: a secret column added to users later stays out.
      const selection = Object.fromEntries(columns.map(({ key, column }) => [key, column]));
      const rows = (await db.select(selection).from(table)) as Record<string, unknown>[];
      const sortKey = name === "threadLocks" ? "essayPath" : name === "commentPassages" ? "commentId" : "id";
      backup[name] = rows
        .map((row) => toFileRow(row, columns.map(({ key }) => key)))
        // Code-unit order, not the database's collation, so SQLite and PostgreSQL agree.
        .sort((a, b) => compareKeys(a[sortKey], b[sortKey]));
    }
    return backup as Backup;
  });
}

function compareKeys(a: unknown, b: unknown): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const [x, y] = [String(a), String(b)];
  return x < y ? -1 : x > y ? 1 : 0;
}

/**
 * The reads (one per table) must agree with each other (no comment by a user the users read missed).
 * SQLite: withTransaction's BEGIN IMMEDIATE holds writers off. PostgreSQL: the default READ
 * COMMITTED gives each statement its own snapshot, so this one read-only transaction asks for
 * REPEATABLE READ, which the shared Db type does not expose (hence the cast to the real driver).
 */
async function readConsistently<T>(database: BackupDatabase, read: (db: Db) => Promise<T>): Promise<T> {
  if (database.dialect === "sqlite") return database.withTransaction(read);
  const pgDb = database.db as unknown as NodePgDatabase<Schema>;
  return pgDb.transaction((tx) => read(tx), { isolationLevel: "repeatable read", accessMode: "read only" });
}
