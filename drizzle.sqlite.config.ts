// drizzle-kit for the SQLite schema: `npm run db:generate` writes db/migrations/sqlite.
// Migrations are applied by `npm run db:migrate` (db/migrate.ts), not by drizzle-kit.
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "sqlite",
  schema: "./db/schema/sqlite.ts",
  out: "./db/migrations/sqlite",
  strict: true,
  verbose: true,
});
