// The drivers' own words for a database that cannot be used ("connect ECONNREFUSED
// 127.0.0.1:5999", "no such table: comments") name neither the setting to fix nor what to
// check. These turn them into one line an operator can act on, at start, migrate, build and
// in the server's log. Plain JavaScript (typed with JSDoc) like db/url.js, so that code Node
// loads without TypeScript can use it too.
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
 * Creates the default data folder, or refuses a directory named in DATABASE_URL that does not
 * exist: better-sqlite3 would fail with "Cannot open database because the directory does not
 * exist", and creating it would quietly start an empty database at a mistyped path.
 * @param {Extract<DatabaseConfig, { dialect: "sqlite" }>} config
 */
export function prepareSqliteDirectory(config) {
  if (config.file === ":memory:") return;
  const directory = path.dirname(path.resolve(config.file));
  if (config.createDirectory) {
    fs.mkdirSync(directory, { recursive: true });
    return;
  }
  if (!fs.existsSync(directory)) {
    throw new DatabaseUnavailableError(
      `DATABASE_URL names the SQLite file ${path.resolve(config.file)}, but the directory ${directory} does not exist. ` +
        `Create it (mkdir -p ${directory}) or correct DATABASE_URL.`,
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
  const setting = config.dialect === "sqlite" && config.createDirectory ? "the default database in DATA_DIR; DATABASE_URL is unset" : "from DATABASE_URL";
  return new DatabaseUnavailableError(`${describeDatabase(config)} (${setting}) ${detail}`, { cause: error, code });
}

/**
 * @param {string | undefined} code
 * @param {string} message
 * @returns {string | undefined}
 */
function sqliteProblem(code, message) {
  if (/^no such table/i.test(message)) return "has no tables yet: run `npm run db:migrate` (`npm start` and `npm run build` do it).";
  if (code === "SQLITE_CANTOPEN") return "cannot be opened: check that the file and its directory exist and this user may write to them.";
  if (code === "SQLITE_READONLY") return "is read-only for this user: check the permissions of the file and its directory.";
  return undefined;
}

/**
 * @param {string | undefined} code
 * @param {string} message
 * @param {string} url
 * @returns {string | undefined}
 */
function postgresProblem(code, message, url) {
  const { hostname, port, pathname } = new URL(url);
  const address = `${hostname}:${port || "5432"}`;
  const database = decodeURIComponent(pathname.replace(/^\//, ""));
  switch (code) {
    case "ECONNREFUSED":
      return `cannot be reached: nothing is listening at ${address} (connection refused). Check that PostgreSQL is running there and that the host and port in DATABASE_URL are right.`;
    case "ENOTFOUND":
    case "EAI_AGAIN":
      return `cannot be reached: the host name "${hostname}" was not found. Check the host in DATABASE_URL.`;
    case "ETIMEDOUT":
    case "EHOSTUNREACH":
    case "ENETUNREACH":
      return `cannot be reached: ${address} did not answer. Check that the server is reachable from this machine (network, firewall, allowed addresses) and the port in DATABASE_URL.`;
    case "28P01":
      return "refused the user name or password: check the user and password in DATABASE_URL.";
    case "28000":
      return "refused this connection (pg_hba.conf): check the user in DATABASE_URL, and whether the server wants SSL (?sslmode=require).";
    case "3D000":
      return `is missing: the server has no database "${database}". Create it (createdb ${database}) or correct the database name in DATABASE_URL.`;
    case "42P01":
      return "has no tables yet: run `npm run db:migrate` against it first (the deploy's build step: `npm run db:migrate && npm run build`).";
    case "ECONNRESET":
      return "closed the connection: check that the port in DATABASE_URL is PostgreSQL's and whether the server wants SSL (?sslmode=require).";
  }
  if (/timeout/i.test(message)) {
    return `cannot be reached: ${address} did not answer in time. Check that the server is reachable from this machine (network, firewall, allowed addresses) and the port in DATABASE_URL.`;
  }
  if (/does not support SSL/i.test(message)) return "does not support SSL: remove sslmode from DATABASE_URL, or enable SSL on the server.";
  if (/Connection terminated unexpectedly/i.test(message)) {
    return "closed the connection: check that the port in DATABASE_URL is PostgreSQL's and whether the server wants SSL (?sslmode=require).";
  }
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
