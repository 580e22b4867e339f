import { defineConfig, devices } from "@playwright/test";
import { CHROMIUM_ARGS, findChromium } from "./tests/support/chromium";
import { E2E_BASE_URL } from "./tests/e2e/harness/ports";

// Browse `localhost`, never 127.0.0.1: Auth.js builds its callbacks on localhost
// and the CSRF/PKCE cookies must live on the same host (stack notes, pitfall 1).
export default defineConfig({
  testDir: "tests/e2e",
  globalSetup: "./tests/e2e/harness/global-setup.ts",
  forbidOnly: Boolean(process.env.CI),
  retries: 0,
  workers: 2,
  // Two workers, the app, PostgreSQL, the OIDC and SMTP servers share two cores: sign-ins and axe
  // passes on the growing essay page took over 30 s under that load. Nothing waits on a timer.
  timeout: 60_000,
  expect: { timeout: 10_000 },
  reporter: [["list"], ["json", { outputFile: ".tmp/playwright.json" }]],
  outputDir: ".tmp/test-results",
  use: {
    baseURL: E2E_BASE_URL,
    trace: "retain-on-failure",
    launchOptions: { executablePath: findChromium(), args: CHROMIUM_ARGS },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
});
