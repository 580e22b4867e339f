// Plain JavaScript (typed with JSDoc) because the ISR cache handler, which Node loads
// without TypeScript at run time, opens the same database as the app.
import path from "node:path";

/**
 * Where the data lives. `createDirectory` is set only for a file in DATA_DIR (the default, or
 * DATABASE_URL=file:./data/…), the app's own folder, which a newcomer's first `npm start` or
 * `npm run build` creates; any other directory named in DATABASE_URL must already exist (a typo
 * there must not quietly start an empty database somewhere nobody looks).
 * @typedef {{ dialect: "sqlite"; file: string; createDirectory?: true } | { dialect: "postgres"; url: string }} DatabaseConfig
 */

const ACCEPTED_FORMS = [
  "unset (or empty) → SQLite at ./data/blog.db (inside DATA_DIR)",
  "file:PATH → SQLite at PATH, relative or absolute (file:./data/blog.db, file:/var/lib/essays/blog.db)",
  "postgres://user:pass@host:5432/db (or postgresql://…) → PostgreSQL",
];

export class DatabaseUrlError extends Error {
  /** @param {string} problem */
  constructor(problem) {
    super(`DATABASE_URL ${problem}. Accepted forms:\n${ACCEPTED_FORMS.map((form) => `  - ${form}`).join("\n")}`);
    this.name = "DatabaseUrlError";
  }
}

/**
 * Reads DATABASE_URL into a dialect and a target. Pure (no I/O, no cwd): relative
 * paths are kept relative and resolved where the file is opened.
 * @param {string | undefined} value
 * @param {string} dataDir
 * @returns {DatabaseConfig}
 */
export function parseDatabaseUrl(value, dataDir) {
  const trimmed = value?.trim() ?? "";
  if (trimmed === "") return { dialect: "sqlite", file: path.join(dataDir, "blog.db"), createDirectory: true };

  if (/^file:/i.test(trimmed)) {
    // file:///abs/x.db is the URL spelling of file:/abs/x.db; anything else after
    // "file:" is taken as a path as written.
    const rest = trimmed.slice("file:".length);
    const file = rest.startsWith("///") ? rest.slice(2) : rest;
    if (file === "" || file.startsWith("//")) {
      throw new DatabaseUrlError("has no file path after file:");
    }
    const inDataDir = path.normalize(path.dirname(file)) === path.normalize(dataDir);
    return inDataDir ? { dialect: "sqlite", file, createDirectory: true } : { dialect: "sqlite", file };
  }

  if (/^postgres(ql)?:\/\//i.test(trimmed)) {
    let parsed;
    try {
      parsed = new URL(trimmed);
    } catch {
      // Never echo the value: it may hold a password.
      throw new DatabaseUrlError("looks like a PostgreSQL URL but could not be parsed");
    }
    if (parsed.hostname === "") throw new DatabaseUrlError("is a PostgreSQL URL without a host");
    return { dialect: "postgres", url: trimmed };
  }

  // Show at most the scheme, never the rest (a mistyped scheme still carries the password).
  const scheme = /^([a-z][a-z0-9+.-]*):/i.exec(trimmed)?.[1];
  throw new DatabaseUrlError(scheme ? `has an unsupported scheme "${scheme}:"` : "is not a file: or postgres:// URL");
}

/**
 * A one-line, password-free name for logs: the SQLite file, or PostgreSQL host:port/db.
 * @param {DatabaseConfig} config
 * @returns {string}
 */
export function describeDatabase(config) {
  if (config.dialect === "sqlite") return `SQLite ${path.resolve(config.file)}`;
  const url = new URL(config.url);
  const database = decodeURIComponent(url.pathname.replace(/^\//, "")) || "(default database)";
  return `PostgreSQL ${url.hostname}:${url.port || "5432"}/${database}`;
}
