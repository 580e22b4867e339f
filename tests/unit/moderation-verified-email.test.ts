// When an OAuth/OIDC sign-in vouches for the address (lib/moderation/verified-email.ts, used by auth.ts).
import { describe, expect, it, vi } from "vitest";
import { providerVouchesForEmail } from "@/lib/moderation/verified-email";

const email = "Mira@Example.org";

/** A fetch that answers GitHub's /user/emails with `emails`, and records what it was asked. */
function gitHub(emails: unknown, status = 200) {
  return vi.fn(async (_input: RequestInfo | URL, _init?: RequestInit) => new Response(JSON.stringify(emails), { status }));
}

describe("providerVouchesForEmail", () => {
  it("trusts Google, and any issuer that says email_verified: true", async () => {
    const noFetch = vi.fn();
    expect(await providerVouchesForEmail({ provider: "google", profile: { email: "mira@example.org" }, email, accessToken: "t" }, noFetch)).toBe(true);
    expect(await providerVouchesForEmail({ provider: "oidc", profile: { email, email_verified: true }, email, accessToken: "t" }, noFetch)).toBe(true);
    expect(noFetch).not.toHaveBeenCalled();
  });

  it("never trusts email_verified: false, an address other than the stored one, or an OIDC issuer that says nothing", async () => {
    const noFetch = vi.fn();
    const cases = [
      { provider: "google", profile: { email, email_verified: false } },
      { provider: "oidc", profile: { email, email_verified: "true" } },
      { provider: "oidc", profile: { email } },
      { provider: "oidc", profile: { email: "other@example.org", email_verified: true } },
      { provider: "google", profile: { email: "other@example.org" } },
      { provider: "email", profile: undefined },
      { provider: undefined, profile: undefined },
    ];
    for (const facts of cases) expect(await providerVouchesForEmail({ ...facts, email, accessToken: "t" }, noFetch)).toBe(false);
    expect(noFetch).not.toHaveBeenCalled();
  });

  it("trusts GitHub only for an address GitHub lists as verified", async () => {
    const verified = gitHub([
      { email: "mira@example.org", verified: true, primary: true },
      { email: "old@example.org", verified: false, primary: false },
    ]);
    expect(await providerVouchesForEmail({ provider: "github", profile: { email }, email, accessToken: "token-1" }, verified)).toBe(true);
    const [url, init] = verified.mock.calls[0]!;
    expect(String(url)).toBe("https://api.github.com/user/emails");
    expect(new Headers(init?.headers).get("Authorization")).toBe("Bearer token-1");

    const unverified = gitHub([{ email: "mira@example.org", verified: false, primary: true }]);
    expect(await providerVouchesForEmail({ provider: "github", profile: { email }, email, accessToken: "t" }, unverified)).toBe(false);
  });

  it("does not trust GitHub when it cannot ask: no token, an error answer, a bad body, or no answer", async () => {
    const facts = { provider: "github", profile: { email }, email };
    expect(await providerVouchesForEmail({ ...facts, accessToken: undefined }, gitHub([{ email, verified: true }]))).toBe(false);
    expect(await providerVouchesForEmail({ ...facts, accessToken: "t" }, gitHub({ message: "Bad credentials" }, 401))).toBe(false);
    expect(await providerVouchesForEmail({ ...facts, accessToken: "t" }, gitHub({ not: "a list" }))).toBe(false);
    const failing = vi.fn(async () => {
      throw new TypeError("fetch failed");
    });
    expect(await providerVouchesForEmail({ ...facts, accessToken: "t" }, failing)).toBe(false);
  });
});
