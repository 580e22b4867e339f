import nextEnv from "@next/env";

/**
 * Loads .env, .env.local and .env.production the way `next start` does, so the scripts
 * that run before the server (start, migrations) see the same variables as the app.
 * Call it before env.js is first imported.
 */
export function loadDotenv(): void {
  nextEnv.loadEnvConfig(process.cwd(), false, { info: () => undefined, error: console.error });
}
