// Starts one throwaway PostgreSQL server for the whole vitest run and provides its URL;
// each suite creates its own database on it (createDatabase in ./postgres.ts).
// No PostgreSQL binaries: the PostgreSQL half of the contract tests is skipped with a loud
// banner, except on CI (CI=true), where a skipped half must fail the run instead.
import type { TestProject } from "vitest/node";
import { findPostgresBinaries, startPostgres } from "./postgres";

declare module "vitest" {
  export interface ProvidedContext {
    /** Superuser URL of the test server, or null when PostgreSQL tests are skipped. */
    postgresUrl: string | null;
  }
}

export default async function setup(project: TestProject) {
  if (!findPostgresBinaries()) {
    const message =
      "no initdb/pg_ctl found on PATH or under /usr/lib/postgresql/*/bin. Install PostgreSQL (apt-get install -y postgresql) to run them.";
    if (process.env.CI === "true") throw new Error(`PostgreSQL contract tests cannot run on CI: ${message}`);
    const line = "!".repeat(100);
    console.warn(`\n${line}\n!!! PostgreSQL contract tests SKIPPED: ${message}\n${line}\n`);
    project.provide("postgresUrl", null);
    return;
  }
  const server = await startPostgres();
  project.provide("postgresUrl", server.url);
  return () => server.stop();
}
