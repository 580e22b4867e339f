import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";

/**
 * The secret that signs sessions and sign-in tokens when AUTH_SECRET is unset on a
 * single box: made once, kept in the data folder (mode 0600) so sessions survive restarts.
 */
export function loadOrCreateAuthSecret(dataDir: string): { secret: string; created: boolean; file: string } {
  const file = path.join(dataDir, "auth-secret");
  if (fs.existsSync(file)) {
    const secret = fs.readFileSync(file, "utf8").trim();
    if (secret.length >= 32) return { secret, created: false, file };
  }
  fs.mkdirSync(dataDir, { recursive: true });
  const secret = crypto.randomBytes(33).toString("base64");
  fs.writeFileSync(file, `${secret}\n`, { mode: 0o600 });
  fs.chmodSync(file, 0o600);
  return { secret, created: true, file };
}
