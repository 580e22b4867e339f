// `npm run build`, before `next build`: the database the prerendered threads are read from
// must be there (db/prepare-for-build.ts). A database that cannot be used ends the build with
// one message naming the variable and what to check, never a stack trace.
import { loadDotenv } from "./lib/load-dotenv";

loadDotenv();
try {
  const { env } = await import("../env.js");
  const { parseDatabaseUrl } = await import("../db/url.js");
  const { prepareDatabaseForBuild } = await import("../db/prepare-for-build");
  const { database, migrated } = await prepareDatabaseForBuild(parseDatabaseUrl(env.DATABASE_URL, env.DATA_DIR));
  console.log(`Building against ${database}${migrated ? " (migrations applied)" : ""}.`);
} catch (error) {
  // EnvError, DatabaseUrlError and DatabaseUnavailableError say all there is to say.
  console.error(`\nThe build stopped before Next.js: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
