// The frame the comments:* scripts share: arguments checked before anything else (help and
// usage errors), .env loaded like the app, the work itself, and any failure turned into one line
// `<name>: <what went wrong>` without a stack trace. Exit codes: 0 help, 2 usage, 1 failed, else
// whatever the work returns. The database a script opens is closed at the end, whatever happens.
import type { Database } from "@/db/connect";
import type { DatabaseConfig } from "@/db/url";
import { loadDotenv } from "./load-dotenv";

/** What parseArgs returns instead of arguments: problem "" for --help, else the usage error. */
export type UsageProblem = { problem: string };

export type CommandContext = {
  /** Opens the existing database (openExistingDatabase in db/backup/cli-support.ts), closed when the command ends. */
  openDatabase(config: DatabaseConfig): Promise<Database>;
};

export type CommentsCommand<Args> = {
  /** The npm script, e.g. "comments:export": the prefix of every error line. */
  name: string;
  usage: string;
  parseArgs(argv: string[]): Args | UsageProblem;
  /**
   * The work, after .env is loaded; resolves with the exit code. Import the app's modules in
   * here, not at the top of the script: a bad environment (env.js throws on import) must end
   * up in the one-line error too.
   */
  run(args: Args, context: CommandContext): Promise<number>;
};

function isUsageProblem<Args>(parsed: Args | UsageProblem): parsed is UsageProblem {
  return typeof parsed === "object" && parsed !== null && "problem" in parsed;
}

/** Runs the command with these command-line arguments and resolves with its exit code. */
export async function runCommentsCommand<Args>(command: CommentsCommand<Args>, argv: string[]): Promise<number> {
  const parsed = command.parseArgs(argv);
  if (isUsageProblem(parsed)) {
    console.error(parsed.problem ? `${command.name}: ${parsed.problem}\n${command.usage}` : command.usage);
    return parsed.problem ? 2 : 0;
  }
  loadDotenv();
  let close: (() => Promise<void>) | undefined;
  try {
    return await command.run(parsed, {
      async openDatabase(config) {
        const { openExistingDatabase } = await import("@/db/backup/cli-support");
        const database = openExistingDatabase(config);
        close = () => database.close();
        return database;
      },
    });
  } catch (error) {
    const { describeError } = await import("@/db/backup/cli-support");
    console.error(`${command.name}: ${describeError(error)}`);
    return 1;
  } finally {
    await close?.();
  }
}
