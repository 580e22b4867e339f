// The drivers' own words for a database that cannot be used ("connect ECONNREFUSED
// 127.0.0.1:5999", "no such table: comments") name neither the setting to fix nor what to
// check. These turn them into one line an operator can act on, at start, in db:migrate, in the
// build and in the server's log (docs/decisions/028-build-without-a-prepared-database.md).
// Plain JavaScript (typed with JSDoc) like db/url.js.
import fs from "node:fs";
import path from "node:path";
import { describeDatabase } from "./url.js";

/** The database named by DATABASE_URL (or the default in DATA_DIR) cannot be used; the message says why and what to check. */
export class DatabaseUnavailableError extends Error {
  /**
   * @param {string} message
   * @param {{ cause?: unknown; code?: string }} [options]
   */
  constructor(message, options = {}) {
    super(message, { cause: options.cause });
    this.name = "DatabaseUnavailableError";
    /** The driver's error code (ECONNREFUSED, 28P01, SQLITE_ERROR…), kept for code that branches on it. */
    this.code = options.code;
  }
}

/** @typedef {import("./url.js").DatabaseConfig} DatabaseConfig */

/**
 * Where the message says the database came from: the variable to fix comes first.
 * @param {DatabaseConfig} config
 */
function source(config) {
  if (config.dialect === "sqlite" && config.createDirectory) {
    return `The default database (${describeDatabase(config)}, in DATA_DIR; DATABASE_URL is unset)`;
  }
  return `DATABASE_URL points at ${describeDatabase(config)}`;
}

/**
 * Creates the default data folder (DATA_DIR), or refuses a directory named in DATABASE_URL that
 * does not exist: better-sqlite3 would fail with "Cannot open database because the directory
 * does not exist", and creating it would quietly start an empty database at a mistyped path.
 * @param {Extract<DatabaseConfig, { dialect: "sqlite" }>} config
 */
export function prepareSqliteDirectory(config) {
  if (config.file === ":memory:") return;
  const directory = path.dirname(path.resolve(config.file));
  if (config.createDirectory) {
    try {
      fs.mkdirSync(directory, { recursive: true });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new DatabaseUnavailableError(`${source(config)}: its folder ${directory} cannot be created (${reason}) — check DATA_DIR and that this user may write there.`, {
        cause: error,
        code: "EDATADIR",
      });
    }
    return;
  }
  if (!fs.existsSync(directory)) {
    throw new DatabaseUnavailableError(
      `${source(config)}, but the directory ${directory} does not exist — create it (mkdir -p ${directory}) or correct DATABASE_URL. ` +
        "Only the default folder (DATA_DIR) is created automatically.",
      { code: "ENOENT" },
    );
  }
}

/**
 * The error, explained, when it says the database cannot be reached or is not set up;
 * undefined for any other error (a failing query stays as it is).
 * @param {unknown} error
 * @param {DatabaseConfig} config
 * @returns {DatabaseUnavailableError | undefined}
 */
export function explainDatabaseError(error, config) {
  if (error instanceof DatabaseUnavailableError) return error;
  const { code, message } = rootCause(error);
  const detail = config.dialect === "sqlite" ? sqliteProblem(code, message) : postgresProblem(code, message, config.url);
  if (!detail) return undefined;
  return new DatabaseUnavailableError(`${source(config)}: ${detail}`, { cause: error, code });
}

/**
 * @param {string | undefined} code
 * @param {string} message
 * @returns {string | undefined}
 */
function sqliteProblem(code, message) {
  if (/^no such table/i.test(message)) return "it has no tables yet — run `npm run db:migrate` (`npm start` and `npm run build` do it for SQLite).";
  if (code === "SQLITE_CANTOPEN") return "the file cannot be opened — check that it is a file, not a folder, and that this user may read and write it and its directory.";
  if (code === "SQLITE_READONLY") return "the file is read-only for this user — check the permissions of the file and its directory.";
  if (code === "SQLITE_NOTADB") return "the file is not a SQLite database — check the path in DATABASE_URL.";
  return undefined;
}

/**
 * @param {string | undefined} code
 * @param {string} message
 * @param {string} url
 * @returns {string | undefined}
 */
function postgresProblem(code, message, url) {
  const { hostname, port, pathname, username } = new URL(url);
  const address = `${hostname}:${port || "5432"}`;
  const database = decodeURIComponent(pathname.replace(/^\//, "")) || "(default)";
  const user = decodeURIComponent(username) || "(default)";
  const unreachable = `${address} did not answer — check that the server is reachable from this machine (network, firewall, allowed addresses) and the host and port in DATABASE_URL.`;
  const closed = "the server closed the connection — check that the port in DATABASE_URL is PostgreSQL's, and whether the server wants SSL (add ?sslmode=require).";
  switch (code) {
    case "ECONNREFUSED":
      return `nothing is listening at ${address} — is PostgreSQL running there? Start it, or correct the host and port in DATABASE_URL.`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `the host "${hostname}" was not found — check the host name in DATABASE_URL.`;
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return unreachable;
    case "ECONNRESET":
      return closed;
    case "28P01":
      return `the server refused the password for user "${user}" — check the user name and password in DATABASE_URL.`;
    case "28000":
      if (/does not exist/i.test(message)) return `the server has no user "${user}" — check the user name in DATABASE_URL.`;
      return `the server does not accept user "${user}" from this machine (pg_hba.conf) — check the user in DATABASE_URL, and whether the server wants SSL (add ?sslmode=require).`;
    case "3D000":
      return `the server has no database "${database}" — create it (createdb ${database}) or correct the database name in DATABASE_URL.`;
    case "42P01":
      return "the database has no tables yet — run `npm run db:migrate` with this DATABASE_URL first (on a host, the build command `npm run db:migrate && npm run build`).";
    case "53300":
      return "the server has no free connections — lower DATABASE_POOL_MAX, or use your provider's pooled connection string in DATABASE_URL.";
    case "57P03":
      return "the server is starting up or shutting down — try again in a moment.";
  }
  if (/timeout/i.test(message)) return unreachable;
  if (/does not support SSL/i.test(message)) return "the server does not support SSL — remove sslmode from DATABASE_URL, or enable SSL on the server.";
  if (/Connection terminated unexpectedly/i.test(message)) return closed;
  return undefined;
}

/**
 * The innermost error's code and message: drizzle wraps driver errors ("Failed query: …",
 * cause), and Node reports a refused connection to every address of a host (localhost is
 * ::1 and 127.0.0.1) as an AggregateError with an empty message.
 * @param {unknown} error
 * @returns {{ code: string | undefined; message: string }}
 */
function rootCause(error) {
  let current = error;
  for (let depth = 0; depth < 5; depth += 1) {
    if (!(current instanceof Error)) break;
    const code = /** @type {{ code?: unknown }} */ (current).code;
    if (typeof code === "string") return { code, message: current.message };
    if (current instanceof AggregateError && current.errors.length > 0) current = current.errors[0];
    else if (current.cause !== undefined) current = current.cause;
    else return { code: undefined, message: current.message };
  }
  return { code: undefined, message: current instanceof Error ? current.message : String(current) };
}
