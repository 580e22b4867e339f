// Throwaway PostgreSQL servers for tests: the unit contract suite (through
// tests/support/vitest-global-setup.ts) and end-to-end runs (two app instances on one server).
// PostgreSQL refuses to run as root, so as root every server binary runs as the `postgres`
// user through runuser, from cwd "/" (its home may be unreadable), in a dir it owns.
import { execFile as execFileCallback, spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";

const execFile = promisify(execFileCallback);

export type PostgresBinaries = { initdb: string; pgCtl: string };

export type PostgresServer = {
  /** Superuser URL of the server's `postgres` database, e.g. postgres://postgres@127.0.0.1:54321/postgres. */
  url: string;
  port: number;
  /** Stops the server (pg_ctl -m fast) and deletes its files. Safe to call twice. */
  stop(): Promise<void>;
};

/** initdb and pg_ctl from PATH, else the newest /usr/lib/postgresql/<version>/bin; undefined if neither. */
export function findPostgresBinaries(): PostgresBinaries | undefined {
  const candidates = (process.env.PATH ?? "").split(path.delimiter).filter(Boolean);
  const debianRoot = "/usr/lib/postgresql";
  if (fs.existsSync(debianRoot)) {
    const versions = fs
      .readdirSync(debianRoot)
      .filter((name) => /^\d+$/.test(name))
      .sort((a, b) => Number(b) - Number(a));
    candidates.push(...versions.map((version) => path.join(debianRoot, version, "bin")));
  }
  for (const dir of candidates) {
    const initdb = path.join(dir, "initdb");
    const pgCtl = path.join(dir, "pg_ctl");
    if (isExecutable(initdb) && isExecutable(pgCtl)) return { initdb, pgCtl };
  }
  return undefined;
}

/**
 * Starts a fresh server on a free loopback port (about 2 s), trusting local connections, or,
 * with `password`, asking every connection for the superuser's password (scram-sha-256).
 * Throws if no binaries are found (check findPostgresBinaries() first to skip instead).
 */
export async function startPostgres({ password }: { password?: string } = {}): Promise<PostgresServer> {
  const binaries = findPostgresBinaries();
  if (!binaries) throw new Error("No PostgreSQL binaries: install PostgreSQL (apt-get install -y postgresql) or put initdb and pg_ctl on PATH");
  const asRoot = process.getuid?.() === 0;

  const base = fs.mkdtempSync(path.join(os.tmpdir(), "essays-pg-"));
  fs.chmodSync(base, 0o755); // the postgres user must reach its dirs inside
  const dataDir = path.join(base, "data");
  const runDir = path.join(base, "run"); // socket and log
  for (const dir of [dataDir, runDir]) {
    if (asRoot) await execFile("install", ["-d", "-o", "postgres", "-g", "postgres", "-m", "700", dir]);
    else fs.mkdirSync(dir, { mode: 0o700 });
  }
  const command = (file: string, args: string[]): [string, string[]] =>
    asRoot ? ["runuser", ["-u", "postgres", "--", file, ...args]] : [file, args];
  const run = (file: string, args: string[]) => execFile(...command(file, args), { cwd: "/" });

  let port = 0;
  const stopSync = () => {
    spawnSync(...command(binaries.pgCtl, ["-D", dataDir, "-m", "immediate", "-w", "stop"]), { cwd: "/", stdio: "ignore" });
    fs.rmSync(base, { recursive: true, force: true });
  };
  // A crashed test run must not leave a server behind.
  process.once("exit", stopSync);

  try {
    const auth = ["--auth=trust"];
    if (password !== undefined) {
      // initdb reads the password from a file; the postgres user must be able to read it.
      const file = path.join(base, "password");
      fs.writeFileSync(file, `${password}\n`, { mode: 0o644 });
      auth.splice(0, 1, "--auth=scram-sha-256", `--pwfile=${file}`);
    }
    await run(binaries.initdb, ["-D", dataDir, "-U", "postgres", ...auth, "--no-locale", "-E", "UTF8", "--no-sync"]);
    if (password !== undefined) fs.rmSync(path.join(base, "password"));
    // A free port can be taken between asking and binding; try a few.
    for (let attempt = 1; ; attempt++) {
      port = await findFreePort();
      const options = [
        `-p ${port}`,
        "-c listen_addresses=127.0.0.1",
        `-k ${runDir}`,
        // Throwaway data: durability only slows the tests down.
        "-c fsync=off",
        "-c synchronous_commit=off",
        "-c full_page_writes=off",
      ].join(" ");
      try {
        await run(binaries.pgCtl, ["-D", dataDir, "-l", path.join(runDir, "postgres.log"), "-o", options, "-w", "-t", "30", "start"]);
        break;
      } catch (error) {
        if (attempt >= 3) throw new Error(`pg_ctl start failed: ${(error as Error).message}\n${readLog(runDir)}`);
      }
    }
  } catch (error) {
    process.removeListener("exit", stopSync);
    stopSync();
    throw error;
  }

  let stopped = false;
  return {
    url: `postgres://postgres${password === undefined ? "" : `:${encodeURIComponent(password)}`}@127.0.0.1:${port}/postgres`,
    port,
    async stop() {
      if (stopped) return;
      stopped = true;
      process.removeListener("exit", stopSync);
      try {
        await run(binaries.pgCtl, ["-D", dataDir, "-m", "fast", "-w", "stop"]);
      } finally {
        fs.rmSync(base, { recursive: true, force: true });
      }
    },
  };
}

/** Creates an empty database on the server and returns its URL (a fresh one per suite keeps tests apart). */
export async function createDatabase({ serverUrl, name }: { serverUrl: string; name?: string }): Promise<string> {
  const database = name ?? `test_${randomBytes(6).toString("hex")}`;
  if (!/^[a-z_][a-z0-9_]*$/.test(database)) throw new Error(`Unsafe database name: ${database}`);
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(`create database "${database}"`);
  } finally {
    await client.end();
  }
  const url = new URL(serverUrl);
  url.pathname = `/${database}`;
  return url.toString();
}

function isExecutable(file: string): boolean {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return fs.statSync(file).isFile();
  } catch {
    return false;
  }
}

function findFreePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function readLog(runDir: string): string {
  try {
    return fs.readFileSync(path.join(runDir, "postgres.log"), "utf8").slice(-2000);
  } catch {
    return "";
  }
}
