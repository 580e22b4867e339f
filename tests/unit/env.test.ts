import { describe, expect, it } from "vitest";
import { parseEnv } from "@/env.js";

/** The message parseEnv throws for an environment, or "" when it is accepted. */
function problem(source: Record<string, string>): string {
  try {
    parseEnv(source);
    return "";
  } catch (error) {
    return (error as Error).message;
  }
}

describe("environment validation", () => {
  it("accepts an empty environment: a fresh clone needs nothing set", () => {
    const env = parseEnv({});
    expect(env.SITE_URL).toBe("http://localhost:3000");
    expect(env.PORT).toBe(3000);
    expect(env.CONTENT_DIR).toBe("content");
    expect(env.SIGN_IN_EMAILS_PER_HOUR).toBe(5);
    expect(env.COMMENTS_PER_PAGE).toBe(30);
    expect(env.VOTES_HIDDEN_HOURS).toBe(24);
    expect(env.VOTE_MIN_ACCOUNT_HOURS).toBe(24);
    expect(env.AUTH_SECRET).toBeUndefined();
  });

  it("drops a trailing slash from SITE_URL and treats empty values as unset", () => {
    expect(parseEnv({ SITE_URL: "https://essays.example.org/" }).SITE_URL).toBe("https://essays.example.org");
    expect(parseEnv({ AUTH_GITHUB_ID: "", AUTH_GITHUB_SECRET: "" }).AUTH_GITHUB_ID).toBeUndefined();
  });

  it.each([
    [{ SITE_URL: "essays.example.org" }, "SITE_URL: expected an absolute http(s) URL"],
    [{ SITE_URL: "ftp://essays.example.org" }, "SITE_URL: expected an http:// or https:// URL"],
    [{ PORT: "eighty" }, "PORT: expected a whole number"],
    [{ PORT: "0" }, "PORT: expected a number above 0"],
    [{ PORT: "70000" }, "PORT: expected a port up to 65535"],
    [{ DATABASE_URL: "mysql://db/essays" }, 'DATABASE_URL: has an unsupported scheme "mysql:"'],
    [{ DATABASE_URL: "file:" }, "DATABASE_URL: has no file path after file:"],
    [{ AUTH_SECRET: "short" }, "AUTH_SECRET: expected at least 32 characters"],
    [{ AUTH_SECRET_REQUIRED: "1" }, "AUTH_SECRET: is required on serverless hosting"],
    [{ VERCEL: "1" }, "AUTH_SECRET: is required on serverless hosting"],
    [{ AUTH_SECRET_REQUIRED: "maybe" }, "AUTH_SECRET_REQUIRED: expected 1, true, 0 or false"],
    [{ AUTH_GITHUB_ID: "abc" }, "AUTH_GITHUB_SECRET: is required when AUTH_GITHUB_ID is set"],
    [{ AUTH_GOOGLE_SECRET: "abc" }, "AUTH_GOOGLE_ID: is required when AUTH_GOOGLE_SECRET is set"],
    [{ AUTH_OIDC_ISSUER: "https://id.example.org" }, "AUTH_OIDC_ID: is required when AUTH_OIDC_ISSUER is set"],
    [{ AUTH_OIDC_ISSUER: "not a url", AUTH_OIDC_ID: "a", AUTH_OIDC_SECRET: "b" }, "AUTH_OIDC_ISSUER: expected an absolute http(s) URL"],
    [{ EMAIL_SERVER: "mail.example.org" }, "EMAIL_SERVER: expected an SMTP URL"],
    [{ EMAIL_FROM: "nobody" }, "EMAIL_FROM: expected an address"],
    [{ SIGN_IN_EMAILS_PER_HOUR: "-1" }, "SIGN_IN_EMAILS_PER_HOUR: expected a whole number"],
    [{ COMMENTS_PER_PAGE: "5" }, "COMMENTS_PER_PAGE: expected at least 10"],
    [{ COMMENTS_PER_PAGE: "100000" }, "COMMENTS_PER_PAGE: expected at most 5000"],
    [{ COMMENTS_PER_PAGE: "many" }, "COMMENTS_PER_PAGE: expected a whole number"],
    [{ VOTES_HIDDEN_HOURS: "a day" }, "VOTES_HIDDEN_HOURS: expected a whole number of hours (0 turns it off)"],
    [{ VOTE_MIN_ACCOUNT_HOURS: "100000" }, "VOTE_MIN_ACCOUNT_HOURS: expected at most 8760 hours (a year)"],
    [{ VOTES_PER_MINUTE: "0" }, "VOTES_PER_MINUTE: expected a number above 0"],
    [{ NEXT_DIST_DIR: "../elsewhere" }, "NEXT_DIST_DIR: expected a folder name starting with .next"],
  ])("refuses %o naming the variable and what was expected", (source, expected) => {
    const message = problem(source);
    expect(message).toContain("Invalid environment variables:");
    expect(message).toContain(expected);
    expect(message).toContain("See .env.example");
  });

  it("lists every bad variable at once", () => {
    const message = problem({ SITE_URL: "nope", PORT: "x" });
    expect(message).toContain("SITE_URL:");
    expect(message).toContain("PORT:");
  });

  it("never echoes a database password in its message", () => {
    expect(problem({ DATABASE_URL: "mysql://admin:hunter2@db/essays" })).not.toContain("hunter2");
  });

  it("accepts a complete serverless configuration", () => {
    const env = parseEnv({
      VERCEL: "1",
      AUTH_SECRET: "x".repeat(44),
      DATABASE_URL: "postgres://user:pass@db.example.org:5432/essays",
      EMAIL_SERVER: "smtp://user:pass@smtp.example.org:587",
      EMAIL_FROM: "Essays <essays@example.org>",
    });
    expect(env.DATABASE_URL).toContain("postgres://");
  });
});
