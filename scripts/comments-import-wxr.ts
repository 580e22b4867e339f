// `npm run comments:import-wxr -- FILE.xml [--dry-run]`: imports the comments of a WordPress
// export (WXR) under the essays they were written for, matched by the posts' old addresses.
// Prints what was imported, what was skipped and why, and which posts have no essay here.
// A second run of the same file imports nothing. Exit codes: 0 done, 1 failed, 2 usage.
import fs from "node:fs";
import path from "node:path";
import { runCommentsCommand, type CommandContext, type UsageProblem } from "./lib/comments-command";

const USAGE = "usage: npm run comments:import-wxr -- FILE.xml [--dry-run]   (--dry-run: report only, write nothing)";

function parseArgs(args: string[]): { file: string; dryRun: boolean } | UsageProblem {
  const flags = args.filter((arg) => arg.startsWith("-"));
  if (flags.includes("--help") || flags.includes("-h")) return { problem: "" };
  const unknown = flags.find((flag) => flag !== "--dry-run");
  if (unknown) return { problem: `unknown flag ${unknown}` };
  const files = args.filter((arg) => !arg.startsWith("-"));
  if (files.length !== 1) return { problem: files.length === 0 ? "name the WordPress export (.xml) to import" : "give one file" };
  return { file: files[0]!, dryRun: flags.includes("--dry-run") };
}

async function run(parsed: { file: string; dryRun: boolean }, { openDatabase }: CommandContext): Promise<number> {
  const { env } = await import("@/env.js");
  const { parseDatabaseUrl } = await import("@/db/url");
  const { migrateDatabase } = await import("@/db/migrate");
  const { CliError } = await import("@/db/backup/cli-support");
  const { importWxrPlan } = await import("@/db/backup/wxr-import");
  const { ContentError, loadEssays } = await import("@/lib/content/load-essays");
  const { parseWxr, WxrError } = await import("@/lib/wxr/parse-wxr");
  const { planWxrImport } = await import("@/lib/wxr/plan-import");
  const { formatWxrReport } = await import("@/lib/wxr/report");
  const { siteConfig } = await import("@/site.config");

  let site;
  try {
    site = parseWxr(fs.readFileSync(parsed.file, "utf8"));
  } catch (error) {
    if (error instanceof WxrError) throw new CliError(`${parsed.file} is ${error.message}`);
    const code = (error as NodeJS.ErrnoException).code;
    if (code) throw new CliError(`cannot read ${parsed.file}: ${code === "ENOENT" ? "no such file" : (error as Error).message}`);
    throw error;
  }
  let essays;
  try {
    // Drafts too: their comments wait under them until they are published.
    essays = loadEssays({ dir: path.resolve(env.CONTENT_DIR), includeDrafts: true, permalinkPattern: siteConfig.permalinkPattern, defaultAuthor: siteConfig.defaultAuthor });
  } catch (error) {
    if (error instanceof ContentError) throw new CliError(error.message);
    throw error;
  }
  const plan = planWxrImport({ site, essays });

  const config = parseDatabaseUrl(env.DATABASE_URL, env.DATA_DIR);
  if (!parsed.dryRun) console.log(`Migrations applied: ${(await migrateDatabase({ config })).database}`);
  const database = await openDatabase(config);
  const outcome = await importWxrPlan({ database, plan, dryRun: parsed.dryRun });
  console.log(formatWxrReport({ source: path.basename(parsed.file), plan, counts: outcome, dryRun: parsed.dryRun }));

  if (!parsed.dryRun && outcome.essayPaths.length > 0) {
    // A running site learns through the shared cache-tag table that these threads changed
    // (written on this script's connection: there is no server here to hand the queries over).
    const { provideSharedTagStore } = await import("@/lib/cache/shared-tag-store.js");
    const { cacheTagStore } = await import("@/db/cache-tag-events");
    provideSharedTagStore(cacheTagStore(database));
    const { recordSharedTags } = await import("@/lib/cache/shared-tags.js");
    const { COMMENT_COUNTS_TAG, threadTag } = await import("@/lib/comments/cache-tags");
    await recordSharedTags([...outcome.essayPaths.map(threadTag), COMMENT_COUNTS_TAG], undefined);
  }
  return 0;
}

const code = await runCommentsCommand({ name: "comments:import-wxr", usage: USAGE, parseArgs, run }, process.argv.slice(2));
// The database's idle PostgreSQL pool could hold the process open for its idle timeout;
// flush what was printed, then leave.
await new Promise((resolve) => process.stdout.write("", resolve));
process.exit(code);
