// Which database table each backup table is, and how its rows cross between the two:
// dates are Date objects in the database and ISO strings in the file. No `server-only`:
// the comments:export and comments:import scripts run this under tsx.
import { getTableColumns } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import type { Database, Schema } from "@/db/connect";
import { BACKUP_ROW_SCHEMAS, type BackupTableName } from "./format";

/** What the backup code needs of an open database: db/connect.ts's openDatabase() result fits. */
export type BackupDatabase = Pick<Database, "db" | "schema" | "dialect" | "withTransaction">;

export function backupTables(schema: Schema) {
  return {
    users: schema.users,
    comments: schema.comments,
    commentRevisions: schema.commentRevisions,
    reports: schema.reports,
    bans: schema.bans,
    threadLocks: schema.threadLocks,
    moderationLog: schema.moderationLog,
    commentVotes: schema.commentVotes,
    commentRetractions: schema.commentRetractions,
    commentDeltas: schema.commentDeltas,
    essayRevisions: schema.essayRevisions,
    commentPassages: schema.commentPassages,
  } as const satisfies Record<BackupTableName, unknown>;
}

type AnyBackupTable = ReturnType<typeof backupTables>[BackupTableName];

/**
 * The file's keys of one table, each with its database column (a key with no column is a bug
 * here). Columns are typed as PostgreSQL's, like every query (docs/decisions/002-one-query-layer-two-dialects.md).
 */
export function backupColumns(name: BackupTableName, table: AnyBackupTable) {
  const columns: Record<string, PgColumn | undefined> = getTableColumns(table);
  return Object.keys(BACKUP_ROW_SCHEMAS[name].shape).map((key) => {
    const column = columns[key];
    if (!column) throw new Error(`backup table ${name} names a column "${key}" the schema does not have`);
    return { key, column };
  });
}

/** A database row as the file holds it: the file's keys in order, dates as ISO strings. */
export function toFileRow(row: Record<string, unknown>, keys: readonly string[]): Record<string, unknown> {
  return Object.fromEntries(keys.map((key) => [key, row[key] instanceof Date ? (row[key] as Date).toISOString() : row[key]]));
}

/** A file row as the database takes it: ISO strings back to Date where the column holds dates. */
export function toDatabaseRow(
  row: Record<string, unknown>,
  columns: readonly { key: string; column: { dataType: string } }[],
): Record<string, unknown> {
  return Object.fromEntries(
    columns.map(({ key, column }) => {
      const value = row[key];
      return [key, column.dataType === "date" && typeof value === "string" ? new Date(value) : value];
    }),
  );
}
