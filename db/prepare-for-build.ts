// What `npm run build` needs of the database before `next build` prerenders every essay with
// its thread (docs/decisions/028-build-without-a-prepared-database.md). No `server-only`: this
// runs under tsx.
import pg from "pg";
import { explainDatabaseError } from "./database-errors.js";
import { migrateDatabase } from "./migrate";
import { describeDatabase, type DatabaseConfig } from "./url";

export type BuildDatabase = { database: string; migrated: boolean };

/**
 * SQLite (the embedded default, or a file: URL): created when it is the default and brought up
 * to date, as `npm start` does, so a fresh clone builds with empty threads that fill at run time.
 * PostgreSQL: only checked (reachable, tables there), never migrated: a deploy applies migrations
 * as its own step (`npm run db:migrate && npm run build`), and a preview build must not change a
 * shared database. Throws DatabaseUnavailableError naming DATABASE_URL and what to check.
 */
export async function prepareDatabaseForBuild(config: DatabaseConfig): Promise<BuildDatabase> {
  if (config.dialect === "sqlite") {
    const { database } = await migrateDatabase({ config });
    return { database, migrated: true };
  }
  const client = new pg.Client({ connectionString: config.url, connectionTimeoutMillis: 5_000 });
  // A connection dropped by the server emits here; unhandled it would end the process.
  client.on("error", () => undefined);
  try {
    await client.connect();
    // The table every page reads; missing means the migrations were never applied here.
    await client.query("select 1 from comments limit 0");
  } catch (error) {
    throw explainDatabaseError(error, config) ?? error;
  } finally {
    await client.end().catch(() => undefined);
  }
  return { database: describeDatabase(config), migrated: false };
}
