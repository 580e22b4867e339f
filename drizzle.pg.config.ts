// drizzle-kit for the PostgreSQL schema: `npm run db:generate` writes db/migrations/pg.
// Migrations are applied by `npm run db:migrate` (db/migrate.ts), not by drizzle-kit.
import { defineConfig } from "drizzle-kit";

export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/pg.ts",
  out: "./db/migrations/pg",
  strict: true,
  verbose: true,
});
