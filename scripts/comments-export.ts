// `npm run comments:export [-- --out FILE]`: writes the conversation database (users without
// secrets, comments, revisions, reports, bans, thread locks, moderation log, votes) to one JSON file
// that `npm run comments:import` reads back (docs/decisions/013-owning-your-words.md).
// Reads DATABASE_URL like the app. Exit codes: 0 written, 1 failed (one line, no stack), 2 usage.
import fs from "node:fs";
import path from "node:path";
import { runCommentsCommand, type CommandContext, type UsageProblem } from "./lib/comments-command";

const USAGE = "usage: npm run comments:export [-- --out FILE]   (FILE defaults to comments-export-<date>.json; - for standard output)";

function parseArgs(args: string[]): { out: string } | UsageProblem {
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

async function run(parsed: { out: string }, { openDatabase }: CommandContext): Promise<number> {
  // Imported here so that a bad environment (env.js throws on import) lands in the error line.
  const { env } = await import("@/env.js");
  const { describeDatabase, parseDatabaseUrl } = await import("@/db/url");
  const { exportBackup } = await import("@/db/backup/export");
  const { BACKUP_TABLE_NAMES, serializeBackup } = await import("@/db/backup/format");

  const config = parseDatabaseUrl(env.DATABASE_URL, env.DATA_DIR);
  const database = await openDatabase(config);
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
}

process.exitCode = await runCommentsCommand({ name: "comments:export", usage: USAGE, parseArgs, run }, process.argv.slice(2));
