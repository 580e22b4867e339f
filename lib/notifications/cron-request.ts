import { createHash, timingSafeEqual } from "node:crypto";

/**
 * True when the request carries `Authorization: Bearer <secret>` (what Vercel Cron and most
 * schedulers send). Compared in constant time; hashing first makes the lengths equal.
 */
export function hasBearerSecret({ request, secret }: { request: Request; secret: string }): boolean {
  const header = request.headers.get("authorization") ?? "";
  const match = /^Bearer (.+)$/i.exec(header.trim());
  if (!match?.[1]) return false;
  const digest = (value: string) => createHash("sha256").update(value).digest();
  return timingSafeEqual(digest(match[1]), digest(secret));
}
