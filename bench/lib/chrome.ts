// Chromium as the stack notes run it: Debian's build unless CHROME_PATH says otherwise,
// with the flags that keep it from calling out (and --no-sandbox, needed as root).

export const CHROME_PATH = process.env.CHROME_PATH || "/usr/bin/chromium";

export const CHROME_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-dev-shm-usage",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
  "--no-first-run",
  "--disable-quic",
];
