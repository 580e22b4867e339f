// `npm test`: every check a change must pass, in the order that fails fastest:
// types, lint, unit and contract tests (vitest), then end-to-end (Playwright).
import fs from "node:fs";
import { CHROMIUM_MISSING, findChromium } from "../tests/support/chromium";
import { run } from "./lib/run";

type Counts = { passed: number; failed: number; skipped: number };

function readVitest(file: string): Counts {
  if (!fs.existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const report = JSON.parse(fs.readFileSync(file, "utf8")) as {
    numPassedTests: number;
    numFailedTests: number;
    numPendingTests: number;
    numTodoTests: number;
  };
  return { passed: report.numPassedTests, failed: report.numFailedTests, skipped: report.numPendingTests + report.numTodoTests };
}

function readPlaywright(file: string): Counts {
  if (!fs.existsSync(file)) return { passed: 0, failed: 1, skipped: 0 };
  const { stats } = JSON.parse(fs.readFileSync(file, "utf8")) as {
    stats: { expected: number; unexpected: number; flaky: number; skipped: number };
  };
  return { passed: stats.expected + stats.flaky, failed: stats.unexpected, skipped: stats.skipped };
}

async function main() {
  fs.mkdirSync(".tmp", { recursive: true });
  const env = { ...process.env, NEXT_TELEMETRY_DISABLED: "1" };
  const steps: { name: string; code: number }[] = [];

  steps.push({ name: "typecheck", code: await run("npx", ["tsc", "--noEmit"], { env }) });
  steps.push({ name: "lint", code: await run("npx", ["eslint", "--max-warnings=0", "."], { env }) });

  fs.rmSync(".tmp/vitest.json", { force: true });
  steps.push({
    name: "unit",
    code: await run("npx", ["vitest", "run", "--reporter=default", "--reporter=json", "--outputFile=.tmp/vitest.json"], { env }),
  });
  const unit = readVitest(".tmp/vitest.json");

  let e2e: Counts = { passed: 0, failed: 0, skipped: 0 };
  const chromium = findChromium();
  if (!chromium) {
    console.error(`\n${CHROMIUM_MISSING}\n`);
    steps.push({ name: "e2e", code: 1 });
    e2e.failed = 1;
  } else {
    fs.rmSync(".tmp/playwright.json", { force: true });
    const code = await run("npx", ["playwright", "test"], {
      env: { ...env, CHROME_PATH: chromium },
    });
    steps.push({ name: "e2e", code });
    e2e = readPlaywright(".tmp/playwright.json");
  }

  const failedSteps = steps.filter((step) => step.code !== 0).map((step) => step.name);
  const total = { passed: unit.passed + e2e.passed, failed: unit.failed + e2e.failed, skipped: unit.skipped + e2e.skipped };
  console.log(`\nunit: ${unit.passed} passed, ${unit.failed} failed, ${unit.skipped} skipped`);
  console.log(`e2e: ${e2e.passed} passed, ${e2e.failed} failed, ${e2e.skipped} skipped`);
  if (failedSteps.length) console.log(`failed steps: ${failedSteps.join(", ")}`);
  // Steps without test counts (typecheck, lint) count as one failure each in the closing line.
  const stepFailures = failedSteps.filter((name) => name === "typecheck" || name === "lint").length;
  console.log(`total: ${total.passed} passed, ${total.failed + stepFailures} failed, ${total.skipped} skipped`);
  process.exit(failedSteps.length ? 1 : 0);
}

void main();
