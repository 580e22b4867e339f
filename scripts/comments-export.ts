// `npm run comments:export [-- --out FILE]`: writes the conversation database (users without
// secrets, comments, revisions, reports, bans, thread locks, moderation log) to one JSON file
// that `npm run comments:import` reads back (docs/decisions/013-owning-your-words.md).
// Reads DATABASE_URL like the app. Exit codes: 0 written, 1 failed (one line, no stack), 2 usage.
import fs from "node:fs";
import path from "node:path";
import { loadDotenv } from "./lib/load-dotenv";

const USAGE = "usage: npm run comments:export [-- --out FILE]   (FILE defaults to comments-export-<date>.json; - for standard output)";

function parseArgs(args: string[]): { out: string } | { problem: string } {
  let out = `comments-export-${new Date().toISOString().slice(0, 10)}.json`;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i]!;
    if (arg === "--out" || arg === "-o") {
      const value = args[++i];
      if (value === undefined || (value.startsWith("-") && value !== "-")) return { problem: `${arg} needs a file name` };
      out = value;
    } else if (arg.startsWith("--out=")) out = arg.slice("--out=".length);
    else if (arg === "--help" || arg === "-h") return { problem: "" };
    else return { problem: arg.startsWith("-") ? `unknown flag ${arg}` : `unexpected argument ${arg}` };
  }
  return { out };
}

async function main(args: string[]): Promise<number> {
  const parsed = parseArgs(args);
  if ("problem" in parsed) {
    console.error(parsed.problem ? `comments:export: ${parsed.problem}\n${USAGE}` : USAGE);
    return parsed.problem ? 2 : 0;
  }
  loadDotenv();
  let close: (() => Promise<void>) | undefined;
  try {
    // Imported here so that a bad environment (env.js throws on import) lands in the catch.
    const { env } = await import("@/env.js");
    const { describeDatabase, parseDatabaseUrl } = await import("@/db/url");
    const { openExistingDatabase } = await import("@/db/backup/cli-support");
    const { exportBackup } = await import("@/db/backup/export");
    const { BACKUP_TABLE_NAMES, serializeBackup } = await import("@/db/backup/format");

    const config = parseDatabaseUrl(env.DATABASE_URL, env.DATA_DIR);
    const database = openExistingDatabase(config);
    close = () => database.close();
    const backup = await exportBackup({ database });
    const text = serializeBackup(backup);

    if (parsed.out === "-") process.stdout.write(text);
    else {
      // Written beside the target and renamed, so an interrupted export never leaves half a file.
      const target = path.resolve(parsed.out);
      const partial = `${target}.partial-${process.pid}`;
      fs.writeFileSync(partial, text, { mode: 0o600 });
      fs.renameSync(partial, target);
    }
    const counts = BACKUP_TABLE_NAMES.map((name) => `${name} ${backup[name].length}`).join(", ");
    // The summary goes to stderr when the file itself goes to stdout.
    const log = parsed.out === "-" ? console.error : console.log;
    log(`Exported ${describeDatabase(config)}${parsed.out === "-" ? "" : ` to ${path.resolve(parsed.out)}`}: ${counts}.`);
    // It holds readers' e-mail addresses: mode 0600, and say so.
    if (parsed.out !== "-") log("The file holds readers' e-mail addresses: keep it private.");
    return 0;
  } catch (error) {
    const { describeError } = await import("@/db/backup/cli-support");
    console.error(`comments:export: ${describeError(error)}`);
    return 1;
  } finally {
    await close?.();
  }
}

process.exitCode = await main(process.argv.slice(2));
