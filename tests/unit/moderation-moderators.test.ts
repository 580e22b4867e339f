// Who is a moderator (lib/moderation/moderators.ts): a verified address listed in ADMIN_EMAILS.
import { afterEach, describe, expect, it, vi } from "vitest";

/** isModerator as the app has it: env.js read from a given ADMIN_EMAILS. */
async function isModeratorWith(adminEmails: string | undefined) {
  const previous = process.env.ADMIN_EMAILS;
  if (adminEmails === undefined) delete process.env.ADMIN_EMAILS;
  else process.env.ADMIN_EMAILS = adminEmails;
  vi.resetModules();
  try {
    return (await import("@/lib/moderation/moderators")).isModerator;
  } finally {
    if (previous === undefined) delete process.env.ADMIN_EMAILS;
    else process.env.ADMIN_EMAILS = previous;
  }
}

const verified = new Date("2030-01-01T00:00:00Z");

afterEach(() => {
  vi.resetModules();
});

describe("isModerator", () => {
  it("accepts a verified address in ADMIN_EMAILS, whatever the case on either side", async () => {
    const isModerator = await isModeratorWith(" Mira@Example.org , otto@example.org ");
    expect(isModerator({ email: "mira@example.org", emailVerified: verified })).toBe(true);
    expect(isModerator({ email: "MIRA@EXAMPLE.ORG", emailVerified: verified })).toBe(true);
    expect(isModerator({ email: "Otto@Example.Org", emailVerified: verified })).toBe(true);
  });

  it("refuses an unverified address, even a listed one", async () => {
    const isModerator = await isModeratorWith("mira@example.org");
    expect(isModerator({ email: "mira@example.org", emailVerified: null })).toBe(false);
  });

  it("refuses addresses that are not listed, or only look alike", async () => {
    const isModerator = await isModeratorWith("mira@example.org");
    for (const email of ["someone@example.org", "mira@example.org.evil", "xmira@example.org", "mira@example", "", null]) {
      expect(isModerator({ email, emailVerified: verified })).toBe(false);
    }
  });

  it("makes nobody a moderator when ADMIN_EMAILS is empty or unset", async () => {
    for (const value of [undefined, "", " , "]) {
      const isModerator = await isModeratorWith(value);
      expect(isModerator({ email: "mira@example.org", emailVerified: verified })).toBe(false);
      expect(isModerator({ email: "", emailVerified: verified })).toBe(false);
    }
  });

  it("takes an explicit list too", async () => {
    const isModerator = await isModeratorWith(undefined);
    expect(isModerator({ email: "Mira@example.org", emailVerified: verified }, ["mira@example.org"])).toBe(true);
    expect(isModerator({ email: "mira@example.org", emailVerified: verified }, [])).toBe(false);
  });
});
