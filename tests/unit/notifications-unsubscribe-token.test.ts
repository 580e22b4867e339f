import { createHmac } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signUnsubscribeToken, verifyUnsubscribeToken } from "@/lib/notifications/unsubscribe-token";

const secret = "s".repeat(44);
const otherSecret = "o".repeat(44);
const userId = "6f1c2d8e-4b1a-4c3e-9d2f-0a1b2c3d4e5f";

/** Flips one character of `text` at `index` to another character of the base64url alphabet. */
function flip(text: string, index: number): string {
  const c = text[index] === "A" ? "B" : "A";
  return `${text.slice(0, index)}${c}${text.slice(index + 1)}`;
}

describe("unsubscribe tokens", () => {
  it("verify to the user and scope they were signed for", () => {
    const token = signUnsubscribeToken({ userId, secret });
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(verifyUnsubscribeToken({ token, secret })).toEqual({ userId, scope: "comments" });
    // URL-safe as it is: no escaping needed in a link or a header.
    expect(encodeURIComponent(token)).toBe(token);
  });

  it("are the same for the same user (a link in an old e-mail keeps working), different per user", () => {
    expect(signUnsubscribeToken({ userId, secret })).toBe(signUnsubscribeToken({ userId, secret }));
    expect(signUnsubscribeToken({ userId: "someone-else", secret })).not.toBe(signUnsubscribeToken({ userId, secret }));
  });

  it("refuse any change to the payload or the signature", () => {
    const token = signUnsubscribeToken({ userId, secret });
    const [payload = "", signature = ""] = token.split(".");
    for (let index = 0; index < payload.length; index += 7) {
      expect(verifyUnsubscribeToken({ token: `${flip(payload, index)}.${signature}`, secret })).toBeNull();
    }
    for (let index = 0; index < signature.length; index += 5) {
      expect(verifyUnsubscribeToken({ token: `${payload}.${flip(signature, index)}`, secret })).toBeNull();
    }
    // Another user's id under this token's signature.
    const forged = Buffer.from(JSON.stringify({ userId: "victim", scope: "comments" })).toString("base64url");
    expect(verifyUnsubscribeToken({ token: `${forged}.${signature}`, secret })).toBeNull();
    // Characters outside base64url that a lenient decoder would skip.
    expect(verifyUnsubscribeToken({ token: `${payload}.${signature}!`, secret })).toBeNull();
    expect(verifyUnsubscribeToken({ token: `${payload}.${signature.slice(0, -1)}`, secret })).toBeNull();
  });

  it("refuse a token signed with another secret", () => {
    const token = signUnsubscribeToken({ userId, secret: otherSecret });
    expect(verifyUnsubscribeToken({ token, secret })).toBeNull();
  });

  it("refuse correctly signed claims for another scope, or without a user", () => {
    // Signed exactly as the module signs (purpose-prefixed HMAC-SHA256), so only the claims differ.
    const signClaims = (claims: unknown) => {
      const payload = Buffer.from(JSON.stringify(claims)).toString("base64url");
      const mac = createHmac("sha256", secret).update(`essays:unsubscribe:v1.${payload}`).digest("base64url");
      return `${payload}.${mac}`;
    };
    expect(signClaims({ userId, scope: "comments" })).toBe(signUnsubscribeToken({ userId, secret }));
    expect(verifyUnsubscribeToken({ token: signClaims({ userId, scope: "comments" }), secret })).toEqual({ userId, scope: "comments" });
    for (const claims of [{ userId, scope: "everything" }, { userId }, { scope: "comments" }, { userId: "", scope: "comments" }, { userId: 42, scope: "comments" }, null, "text", [userId]]) {
      expect(verifyUnsubscribeToken({ token: signClaims(claims), secret })).toBeNull();
    }
  });

  it("verify nothing when there is no secret at all", () => {
    const token = signUnsubscribeToken({ userId, secret });
    expect(verifyUnsubscribeToken({ token, secret: "" })).toBeNull();
  });

  it("refuse junk without throwing", () => {
    for (const token of ["", ".", "a.b.c", "no-dot", "x".repeat(600), "%%%.%%%", `${"a".repeat(10)}.`]) {
      expect(verifyUnsubscribeToken({ token, secret })).toBeNull();
    }
  });
});
