import fs from "node:fs";
import { chromium } from "@playwright/test";

/** Flags that keep Chromium from calling out (closed network) and let it run as root. */
export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];

/** CHROME_PATH, else Debian's /usr/bin/chromium, else Playwright's own download. */
export function findChromium(): string | undefined {
  const candidates = [process.env.CHROME_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"];
  for (const candidate of candidates) if (candidate && fs.existsSync(candidate)) return candidate;
  try {
    const own = chromium.executablePath();
    if (own && fs.existsSync(own)) return own;
  } catch {
    // Playwright has no browser of its own installed.
  }
  return undefined;
}

export const CHROMIUM_MISSING = [
  "No Chromium found for the end-to-end tests. Install one of:",
  "  Debian/Ubuntu: sudo apt-get install -y chromium",
  "  elsewhere:     npx playwright install chromium",
  "or point CHROME_PATH at a Chromium or Chrome binary.",
].join("\n");
