// The migration that adds users.name_confirmed_at (docs/decisions/030-choosing-a-public-name.md),
// on both dialects: a database from before it is upgraded, and the readers already in it are
// left unconfirmed, so each of them is asked once for the name other readers see.
import fs from "node:fs";
import path from "node:path";
import BetterSqlite3 from "better-sqlite3";
import { drizzle as drizzleSqlite } from "drizzle-orm/better-sqlite3";
import { migrate as migrateSqlite } from "drizzle-orm/better-sqlite3/migrator";
import { drizzle as drizzlePg } from "drizzle-orm/node-postgres";
import { migrate as migratePg } from "drizzle-orm/node-postgres/migrator";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { migrateDatabase } from "@/db/migrate";
import { parseDatabaseUrl } from "@/db/url";
import { contractTargets, makeTempDir, rawExec } from "../support/contract-databases";

const MIGRATION = "0003_name_confirmed";
const targets = contractTargets("essays-name-");

/** A copy of the dialect's migrations that stops just before MIGRATION: the database as it was. */
function migrationsBefore(dialect: "sqlite" | "pg"): string {
  const from = path.join("db", "migrations", dialect);
  const to = makeTempDir("essays-migrations-");
  fs.cpSync(from, to, { recursive: true });
  const journalFile = path.join(to, "meta", "_journal.json");
  const journal = JSON.parse(fs.readFileSync(journalFile, "utf8")) as { entries: { tag: string }[] };
  const index = journal.entries.findIndex((entry) => entry.tag === MIGRATION);
  expect(index, `${dialect} has the ${MIGRATION} migration`).toBeGreaterThan(0);
  fs.writeFileSync(journalFile, JSON.stringify({ ...journal, entries: journal.entries.slice(0, index) }));
  return to;
}

async function queryRows(databaseUrl: string, sql: string): Promise<Record<string, unknown>[]> {
  const config = parseDatabaseUrl(databaseUrl, "data");
  if (config.dialect === "sqlite") {
    const sqlite = new BetterSqlite3(config.file);
    try {
      return sqlite.prepare(sql).all() as Record<string, unknown>[];
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({ connectionString: config.url });
  await client.connect();
  try {
    return (await client.query(sql)).rows as Record<string, unknown>[];
  } finally {
    await client.end();
  }
}

for (const target of targets) {
  describe.skipIf(target.skip)(`name confirmation migration on ${target.dialect}`, () => {
    it("upgrades a database with readers in it and leaves every one of them unconfirmed", async () => {
      const databaseUrl = await target.createDatabaseUrl();
      const config = parseDatabaseUrl(databaseUrl, "data");
      if (config.dialect === "sqlite") {
        const sqlite = new BetterSqlite3(config.file);
        try {
          migrateSqlite(drizzleSqlite({ client: sqlite }), { migrationsFolder: migrationsBefore("sqlite") });
        } finally {
          sqlite.close();
        }
      } else {
        const client = new pg.Client({ connectionString: config.url });
        await client.connect();
        try {
          await migratePg(drizzlePg({ client }), { migrationsFolder: migrationsBefore("pg") });
        } finally {
          await client.end();
        }
      }
      // Readers from before: one named by the e-mail's local part, one who chose a name.
      const insert = [
        "insert into users (id, email) values ('from-email', 'jane.doe.1987@example.org')",
        "insert into users (id, email, name, display_name) values ('chose', 'ann@example.org', 'Ann Provider', 'Ann')",
      ];
      await rawExec(databaseUrl, { sqlite: insert, pg: insert });

      await migrateDatabase({ config });

      const rows = await queryRows(databaseUrl, "select id, display_name, name_confirmed_at from users order by id");
      expect(rows).toEqual([
        { id: "chose", display_name: "Ann", name_confirmed_at: null },
        { id: "from-email", display_name: null, name_confirmed_at: null },
      ]);
    });
  });
}
