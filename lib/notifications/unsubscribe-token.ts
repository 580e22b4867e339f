import { createHmac, timingSafeEqual } from "node:crypto";
import { env } from "@/env.js";

/**
 * Unsubscribe links work without signing in (a mail client's one-click POST carries no
 * cookies), so the link itself proves who it is for: `<payload>.<mac>`, both base64url,
 * payload = JSON { userId, scope }, mac = HMAC-SHA256 keyed by AUTH_SECRET. No expiry: a link
 * in an old e-mail must still work. Rotating AUTH_SECRET invalidates every link sent before.
 */
export type UnsubscribeScope = "comments";
export type UnsubscribeClaims = { userId: string; scope: UnsubscribeScope };

// Domain separation: AUTH_SECRET also keys Auth.js; a MAC made here means nothing elsewhere.
const PURPOSE = "essays:unsubscribe:v1";
// Far above a real token (~110 characters); refuses junk before any work.
const MAX_TOKEN_LENGTH = 512;
const SCOPES: readonly string[] = ["comments"] satisfies UnsubscribeScope[];

function requireSecret(): string {
  if (!env.AUTH_SECRET) {
    throw new Error("AUTH_SECRET is not set: unsubscribe links cannot be signed or checked (npm start generates one; see .env.example)");
  }
  return env.AUTH_SECRET;
}

function mac(payload: string, secret: string): Buffer {
  return createHmac("sha256", secret).update(`${PURPOSE}.${payload}`).digest();
}

/** A token for an unsubscribe link. `secret` defaults to AUTH_SECRET (tests pass their own). */
export function signUnsubscribeToken({
  userId,
  scope = "comments",
  secret = requireSecret(),
}: {
  userId: string;
  scope?: UnsubscribeScope;
  secret?: string;
}): string {
  const payload = Buffer.from(JSON.stringify({ userId, scope })).toString("base64url");
  return `${payload}.${mac(payload, secret).toString("base64url")}`;
}

/**
 * The claims of a genuine token for `scope`, else null (tampered, other secret, other scope,
 * junk, or no AUTH_SECRET at all: then no genuine token can exist).
 */
export function verifyUnsubscribeToken({
  token,
  scope = "comments",
  secret = env.AUTH_SECRET,
}: {
  token: string;
  scope?: UnsubscribeScope;
  secret?: string;
}): UnsubscribeClaims | null {
  if (!secret || token.length > MAX_TOKEN_LENGTH) return null;
  const parts = token.split(".");
  if (parts.length !== 2) return null;
  const [payload = "", signature = ""] = parts;
  const expected = mac(payload, secret);
  const given = Buffer.from(signature, "base64url");
  // Node's base64url decoder skips characters outside the alphabet; re-encoding catches them.
  if (given.length !== expected.length || given.toString("base64url") !== signature) return null;
  if (!timingSafeEqual(given, expected)) return null;

  let claims: unknown;
  try {
    claims = JSON.parse(Buffer.from(payload, "base64url").toString("utf8"));
  } catch {
    return null;
  }
  if (typeof claims !== "object" || claims === null) return null;
  const { userId, scope: claimed } = claims as Record<string, unknown>;
  if (typeof userId !== "string" || userId === "" || typeof claimed !== "string" || !SCOPES.includes(claimed)) return null;
  if (claimed !== scope) return null;
  return { userId, scope };
}
