// `npm start`: validate the environment, prepare the data folder and database,
// build when needed, then serve. `npm install && npm start` is all a newcomer runs.
import { spawn } from "node:child_process";
import { loadOrCreateAuthSecret } from "./lib/auth-secret";
import { buildIfStale } from "./lib/build-if-stale";
import { loadDotenv } from "./lib/load-dotenv";
import { nextStartArgs } from "./lib/next-start-args";

const FORWARDED_SIGNALS = ["SIGINT", "SIGTERM", "SIGHUP", "SIGQUIT"] as const;

function fail(message: string): never {
  console.error(`\n${message}\n`);
  process.exit(1);
}

async function loadEnv() {
  loadDotenv();
  try {
    return (await import("../env.js")).env;
  } catch (error) {
    if (error instanceof Error && error.name === "EnvError") fail(error.message);
    throw error;
  }
}

async function main() {
  const env = await loadEnv();
  const childEnv: NodeJS.ProcessEnv = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  const notes: string[] = [];

  // Auth.js builds sign-in links from AUTH_URL; pinning it to SITE_URL means a forged
  // Host header can never change where a magic link points.
  childEnv.AUTH_URL ??= env.SITE_URL;

  if (!env.AUTH_SECRET) {
    const { secret, created, file } = loadOrCreateAuthSecret(env.DATA_DIR);
    childEnv.AUTH_SECRET = secret;
    notes.push(created ? `AUTH_SECRET was not set: generated one and kept it in ${file} (mode 0600).` : `AUTH_SECRET: using the one kept in ${file}.`);
  }

  const { migrateDatabase } = await import("../db/migrate");
  try {
    const { database } = await migrateDatabase();
    notes.push(`Database: ${database} (migrations applied).`);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }

  try {
    await buildIfStale(env.NEXT_DIST_DIR, { SITE_URL: env.SITE_URL, CONTENT_DIR: env.CONTENT_DIR }, childEnv);
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }

  if (!env.EMAIL_SERVER) {
    notes.push("EMAIL_SERVER is not set: sign-in links are printed below under “CONSOLE MAILBOX” instead of e-mailed.");
  }
  const server = spawn("node_modules/.bin/next", nextStartArgs(env.PORT), { stdio: "inherit", env: childEnv });
  console.log(["", ...notes.map((note) => `• ${note}`), `• The blog is starting on http://localhost:${env.PORT}`, ""].join("\n"));
  // A supervisor (systemd, a container runtime, `kill <pid>`) stops the blog through whichever
  // process it started: package.json's `exec` hands npm's signal to this process (node with tsx
  // loaded, not the tsx CLI: decision 025), which passes every stopping signal on to the
  // server, then ends the way the server ended.
  for (const signal of FORWARDED_SIGNALS) process.on(signal, () => server.kill(signal));
  server.on("exit", (code, signal) => {
    if (signal) {
      // End by the same signal, so whoever started us sees why.
      for (const forwarded of FORWARDED_SIGNALS) process.removeAllListeners(forwarded);
      process.kill(process.pid, signal);
      return;
    }
    process.exit(code ?? 0);
  });
}

void main();
