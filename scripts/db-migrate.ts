// `npm run db:migrate`: applies the committed migrations to the database DATABASE_URL names.
// A bad DATABASE_URL (or any other invalid variable) prints what is accepted and exits 1,
// without a stack trace. Imported lazily so env.js's own errors land in the catch too.
import { loadDotenv } from "./lib/load-dotenv";

loadDotenv();
try {
  const { migrateDatabase } = await import("@/db/migrate");
  const { database } = await migrateDatabase();
  console.log(`Migrations applied: ${database}`);
} catch (error) {
  const expected = error instanceof Error && (["DatabaseUrlError", "DatabaseUnavailableError", "EnvError"].includes(error.name));
  if (expected) console.error(error.message);
  else console.error("Migration failed:", error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
