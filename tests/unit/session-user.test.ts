// Which cookie carries the session for the comment writes (lib/auth/session-user.ts): the one
// auth.ts configures Auth.js with (lib/auth/session-cookie.ts), so a reader signed in by Auth.js
// is signed in for posting, and no one else. The names come from that configuration, never
// from literals here, so a change of name is a change in one place that this test follows.
import { describe, expect, it } from "vitest";
import { authCookies, sessionCookieName } from "@/lib/auth/session-cookie";
import { sessionTokenFrom } from "@/lib/auth/session-user";

const jar = (cookies: Record<string, string>) => ({ get: (name: string) => (name in cookies ? { value: cookies[name]! } : undefined) });

describe("sessionTokenFrom", () => {
  it("reads the cookie Auth.js is configured to set, on either kind of site", () => {
    for (const secure of [false, true]) {
      const name = authCookies(secure).sessionToken.name;
      expect(name).toBe(sessionCookieName(secure));
      expect(sessionTokenFrom(jar({ [name]: "abc" }), name)).toBe("abc");
    }
  });

  it("on an https site the name is __Secure- prefixed, so a cookie a plain-http response planted is not read", () => {
    const secure = sessionCookieName(true);
    const plain = sessionCookieName(false);
    expect(secure).toBe(`__Secure-${plain}`);
    expect(sessionTokenFrom(jar({ [plain]: "planted" }), secure)).toBeUndefined();
    expect(sessionTokenFrom(jar({ [plain]: "planted", [secure]: "good" }), secure)).toBe("good");
  });

  it("finds nothing without the cookie, with an empty one, or under another name", () => {
    const name = sessionCookieName(false);
    expect(sessionTokenFrom(jar({}), name)).toBeUndefined();
    expect(sessionTokenFrom(jar({ [name]: "" }), name)).toBeUndefined();
    expect(sessionTokenFrom(jar({ [`${name}x`]: "x", [name.replaceAll(".", "_")]: "y", [name.toUpperCase()]: "z" }), name)).toBeUndefined();
  });
});
