// Command-line flags for the benchmarks: node:util parseArgs in strict mode.
// A wrong flag prints what is wrong, the accepted flags, and exits 2.
import { parseArgs, type ParseArgsConfig } from "node:util";

export type FlagSpec = {
  type: "boolean" | "string";
  /** One line for the help text. */
  help: string;
  /** Shown as --name VALUE in the help text. */
  value?: string;
};

export function usage(command: string, flags: Record<string, FlagSpec>): string {
  const lines = Object.entries(flags).map(([name, spec]) => {
    const left = `  --${name}${spec.type === "string" ? ` ${spec.value ?? "VALUE"}` : ""}`;
    return `${left.padEnd(22)} ${spec.help}`;
  });
  lines.push(`${"  --help".padEnd(22)} print this and exit`);
  return `Usage: ${command} [flags]\n\nAccepted flags:\n${lines.join("\n")}`;
}

export function fail(command: string, flags: Record<string, FlagSpec>, problem: string): never {
  const name = command.replace(/^npm run /, "").replace(/ --$/, "");
  console.error(`${name}: ${problem}\n\n${usage(command, flags)}`);
  process.exit(2);
}

/**
 * Parses process.argv (or `argv`). Unknown flags, missing values and stray
 * arguments exit 2 with the accepted flags; --help exits 0.
 */
export function parseFlags<F extends Record<string, FlagSpec>>(
  command: string,
  flags: F,
  argv: string[] = process.argv.slice(2),
): { [K in keyof F]?: F[K]["type"] extends "boolean" ? boolean : string } {
  const options: NonNullable<ParseArgsConfig["options"]> = { help: { type: "boolean" } };
  for (const [name, spec] of Object.entries(flags)) options[name] = { type: spec.type };
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({ args: argv, options, strict: true, allowPositionals: false }) as {
      values: Record<string, string | boolean | undefined>;
    });
  } catch (error) {
    fail(command, flags, error instanceof Error ? error.message : String(error));
  }
  if (values.help) {
    console.log(usage(command, flags));
    process.exit(0);
  }
  return values as { [K in keyof F]?: F[K]["type"] extends "boolean" ? boolean : string };
}

/** A flag value that must be a positive whole number ("1000", not "1e3", "-1" or "2.5"). */
export function positiveInteger(
  command: string,
  flags: Record<string, FlagSpec>,
  name: string,
  raw: string | undefined,
  fallback: number,
): number {
  if (raw === undefined) return fallback;
  const text = raw.trim();
  if (!/^\d+$/.test(text) || Number(text) < 1 || !Number.isSafeInteger(Number(text))) {
    fail(command, flags, `--${name} expects a positive whole number, got "${raw}"`);
  }
  return Number(text);
}
