// What the comments:* scripts share: opening the database DATABASE_URL names, and turning a
// failure into one line a person can act on (the scripts print no stack traces).
import fs from "node:fs";
import path from "node:path";
import { openDatabase, type Database } from "@/db/connect";
import type { DatabaseConfig } from "@/db/url";

/** Thrown for conditions the person running the script fixes; the message is the whole story. */
export class CliError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "CliError";
  }
}

/**
 * Opens an existing database without creating one: a mistyped file: path must not leave an
 * empty SQLite file behind and report "0 comments". One connection is plenty for a script.
 */
export function openExistingDatabase(config: DatabaseConfig): Database {
  if (config.dialect === "sqlite" && config.file !== ":memory:" && !fs.existsSync(config.file)) {
    throw new CliError(
      `there is no database at ${path.resolve(config.file)}. Check DATABASE_URL, or create it with \`npm run db:migrate\`.`,
    );
  }
  return openDatabase(config, { poolMax: 1 });
}

/** One line for any failure: our own messages as they are, database errors without the SQL dump. */
export function describeError(error: unknown): string {
  if (!(error instanceof Error)) return String(error);
  // drizzle wraps driver errors as "Failed query: <sql> params: <values>"; the cause says what went wrong.
  const cause = error.message.startsWith("Failed query") && error.cause instanceof Error ? error.cause : error;
  const code = (cause as { code?: unknown }).code;
  if (/no such (table|column)/i.test(cause.message) || code === "42P01" || code === "42703") {
    return `the database is not on this version's schema (${cause.message}). Run \`npm run db:migrate\` first.`;
  }
  if (code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "ETIMEDOUT") {
    return `cannot reach the PostgreSQL server (${cause.message}). Check DATABASE_URL and that the server is running.`;
  }
  return cause.message;
}
