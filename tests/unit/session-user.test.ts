// Which cookie carries the session for the comment write paths (lib/auth/session-user.ts): the
// same one Auth.js reads, so a reader signed in by Auth.js is signed in for posting, and no one else.
import { describe, expect, it } from "vitest";
import { SECURE_SESSION_COOKIE, SESSION_COOKIE, sessionTokenFrom } from "@/lib/auth/session-user";

const jar = (cookies: Record<string, string>) => ({ get: (name: string) => (name in cookies ? { value: cookies[name]! } : undefined) });

describe("sessionTokenFrom", () => {
  it("uses Auth.js's cookie names", () => {
    expect(SESSION_COOKIE).toBe("authjs.session-token");
    expect(SECURE_SESSION_COOKIE).toBe("__Secure-authjs.session-token");
  });

  it("on an http site (npm start at localhost) reads the bare cookie", () => {
    expect(sessionTokenFrom(jar({ [SESSION_COOKIE]: "abc" }), false)).toBe("abc");
  });

  it("on an https site reads only the __Secure- cookie, which a plain-http response cannot have set", () => {
    expect(sessionTokenFrom(jar({ [SECURE_SESSION_COOKIE]: "secure" }), true)).toBe("secure");
    expect(sessionTokenFrom(jar({ [SESSION_COOKIE]: "planted" }), true)).toBeUndefined();
    expect(sessionTokenFrom(jar({ [SESSION_COOKIE]: "planted", [SECURE_SESSION_COOKIE]: "secure" }), true)).toBe("secure");
  });

  it("finds nothing without a cookie or with an empty one", () => {
    expect(sessionTokenFrom(jar({}), false)).toBeUndefined();
    expect(sessionTokenFrom(jar({ [SESSION_COOKIE]: "" }), false)).toBeUndefined();
    expect(sessionTokenFrom(jar({ authjs_session_token: "x", "next-auth.session-token": "y" }), false)).toBeUndefined();
  });
});
