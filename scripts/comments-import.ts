// `npm run comments:import -- FILE`: loads a file written by `npm run comments:export` into an
// EMPTY database (DATABASE_URL), all or nothing, keeping every id. Migrations run first.
// Exit codes: 0 imported, 1 refused or failed (one line, no stack), 2 usage.
import fs from "node:fs";
import { runCommentsCommand, type CommandContext, type UsageProblem } from "./lib/comments-command";

const USAGE = "usage: npm run comments:import -- FILE   (a file written by npm run comments:export)";
// Enough to fix a file by hand; a file with thousands of problems is the wrong file.
const SHOWN_PROBLEMS = 20;

function parseArgs(args: string[]): { file: string } | UsageProblem {
  const flags = args.filter((arg) => arg.startsWith("-"));
  if (flags.includes("--help") || flags.includes("-h")) return { problem: "" };
  if (flags.length > 0) return { problem: `unknown flag ${flags[0]}` };
  if (args.length !== 1) return { problem: args.length === 0 ? "name the file to import" : "give one file" };
  return { file: args[0]! };
}

async function run(parsed: { file: string }, { openDatabase }: CommandContext): Promise<number> {
  const { env } = await import("@/env.js");
  const { describeDatabase, parseDatabaseUrl } = await import("@/db/url");
  const { migrateDatabase } = await import("@/db/migrate");
  const { CliError } = await import("@/db/backup/cli-support");
  const { parseBackup, BACKUP_TABLE_NAMES } = await import("@/db/backup/format");
  const { importBackup } = await import("@/db/backup/import");

  let text: string;
  try {
    text = fs.readFileSync(parsed.file, "utf8");
  } catch (error) {
    throw new CliError(`cannot read ${parsed.file}: ${(error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : (error as Error).message}`);
  }
  // The whole file is checked before the database is touched.
  const result = parseBackup(text);
  if (!result.ok) {
    const shown = result.problems.slice(0, SHOWN_PROBLEMS).map((problem) => `  ${problem}`);
    const more = result.problems.length - shown.length;
    throw new CliError(
      `${parsed.file} cannot be imported; nothing was written:\n${shown.join("\n")}${more > 0 ? `\n  …and ${more} more` : ""}`,
    );
  }

  const config = parseDatabaseUrl(env.DATABASE_URL, env.DATA_DIR);
  const { database: described } = await migrateDatabase({ config });
  console.log(`Migrations applied: ${described}`);
  const database = await openDatabase(config);
  const written = await importBackup({ database, backup: result.backup });
  console.log(`Imported ${parsed.file} into ${describeDatabase(config)}:`);
  for (const name of BACKUP_TABLE_NAMES) console.log(`  ${name}: ${written[name]}`);
  return 0;
}

process.exitCode = await runCommentsCommand({ name: "comments:import", usage: USAGE, parseArgs, run }, process.argv.slice(2));
