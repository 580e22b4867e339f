// The one reader of process.env. Everything else imports `env` from here, so a
// wrong value fails at start (or at build, through next.config.js) with the
// variable's name and what was expected, instead of deep inside a request.
import { z } from "zod";
import { parseDatabaseUrl } from "./db/url.js";

const optionalString = z
  .string()
  .trim()
  .transform((value) => (value === "" ? undefined : value))
  .optional();

const flag = z
  .enum(["", "0", "1", "true", "false"], { message: "expected 1, true, 0 or false" })
  .optional()
  .transform((value) => value === "1" || value === "true");

const httpUrl = z
  .string()
  .trim()
  .url({ message: "expected an absolute http(s) URL such as https://essays.example.org" })
  .refine((value) => /^https?:\/\//.test(value), { message: "expected an http:// or https:// URL" })
  .transform((value) => value.replace(/\/+$/, ""));

/**
 * A whole number of hours, 0 allowed (turns the rule off).
 * @param {number} fallback
 */
const hours = (fallback) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === undefined || value === "" ? String(fallback) : value))
    .pipe(z.string().regex(/^\d+$/, { message: "expected a whole number of hours (0 turns it off)" }))
    .transform(Number)
    .pipe(z.number().max(24 * 365, { message: "expected at most 8760 hours (a year)" }));

/** @param {number} fallback */
const positiveInt = (fallback) =>
  z
    .string()
    .trim()
    .optional()
    .transform((value) => (value === undefined || value === "" ? String(fallback) : value))
    .pipe(z.string().regex(/^\d+$/, { message: "expected a whole number" }))
    .transform(Number)
    .pipe(z.number().int().positive({ message: "expected a number above 0" }));

/** A comma-separated list of e-mail addresses, lower-cased; empty when unset. */
const emailList = () =>
  z
    .string()
    .optional()
    .transform((value) =>
      (value ?? "")
        .split(",")
        .map((address) => address.trim().toLowerCase())
        .filter((address) => address !== ""),
    )
    .pipe(z.array(z.email({ message: "expected comma-separated e-mail addresses" })));

const schema = z
  .object({
    NODE_ENV: z.enum(["development", "production", "test"]).default("development"),

    // Publishing
    SITE_URL: httpUrl.default("http://localhost:3000"),
    PORT: positiveInt(3000).pipe(z.number().max(65535, { message: "expected a port up to 65535" })),
    CONTENT_DIR: z.string().trim().min(1).default("content"),
    // Where `next build` writes; benchmarks and tests build beside the real build, never over it.
    NEXT_DIST_DIR: z
      .string()
      .trim()
      .regex(/^\.next[\w-]*$/, { message: "expected a folder name starting with .next, such as .next-bench" })
      .default(".next"),

    // Memory for rendered pages and cached data per instance, in MB (docs/decisions/023).
    CACHE_MEMORY_MB: positiveInt(256),

    // Storage: unset means ./data/blog.db; file:PATH or postgres://… otherwise (parsed in db/url.js).
    DATABASE_URL: optionalString,
    DATA_DIR: z.string().trim().min(1).default("data"),
    // PostgreSQL connections per instance; keep instances × this under the server's max_connections.
    DATABASE_POOL_MAX: positiveInt(5),

    // Sign-in (Auth.js reads its own AUTH_* names too; they are validated here).
    AUTH_SECRET: optionalString.pipe(
      z.string().min(32, { message: "expected at least 32 characters (openssl rand -base64 33)" }).optional(),
    ),
    AUTH_SECRET_REQUIRED: flag,
    VERCEL: optionalString,
    AUTH_URL: httpUrl.optional(),
    AUTH_GITHUB_ID: optionalString,
    AUTH_GITHUB_SECRET: optionalString,
    AUTH_GOOGLE_ID: optionalString,
    AUTH_GOOGLE_SECRET: optionalString,
    AUTH_OIDC_ISSUER: httpUrl.optional(),
    AUTH_OIDC_ID: optionalString,
    AUTH_OIDC_SECRET: optionalString,
    AUTH_OIDC_NAME: optionalString,
    EMAIL_SERVER: optionalString.pipe(
      z
        .string()
        .regex(/^smtps?:\/\//, { message: "expected an SMTP URL such as smtp://user:pass@mail.example.org:587" })
        .optional(),
    ),
    EMAIL_FROM: optionalString.pipe(
      z.string().regex(/^(.+<)?[^@\s<>]+@[^@\s<>]+>?$/, { message: "expected an address such as Essays <essays@example.org>" }).optional(),
    ),
    SIGN_IN_EMAILS_PER_HOUR: positiveInt(5),

    // Comments one reader may post, counted across every instance (db/queries/comments.ts).
    COMMENTS_PER_MINUTE: positiveInt(5),
    COMMENTS_PER_DAY: positiveInt(200),
    // About this many comments per page of a thread; whole conversations only (docs/decisions/016).
    COMMENTS_PER_PAGE: positiveInt(30).pipe(z.number().min(10, { message: "expected at least 10" }).max(5000, { message: "expected at most 5000" })),
    // Votes (docs/decisions/037): scores stay hidden this long after a comment is posted, against
    // herding; votes of accounts younger than VOTE_MIN_ACCOUNT_HOURS are kept but count for nothing
    // until the account is that old, against brigades of fresh accounts.
    VOTES_HIDDEN_HOURS: hours(24),
    VOTE_MIN_ACCOUNT_HOURS: hours(24),
    VOTES_PER_MINUTE: positiveInt(30),
    VOTES_PER_DAY: positiveInt(1000),
    // Moderators: signed-in readers whose verified e-mail is in this comma-separated list.
    ADMIN_EMAILS: emailList(),
    // The essays' author(s): a verified address here may award a Δ anywhere under the essays,
    // without having joined the conversation (issue 14, docs/decisions/040).
    AUTHOR_EMAILS: emailList(),
    // Pre-moderation: off (default), first (a reader's first comment waits for approval), all.
    COMMENTS_MODERATION: z
      .enum(["", "off", "first", "all"], { message: "expected off, first or all" })
      .optional()
      .transform((value) => (value === undefined || value === "" ? "off" : value)),
    // Protects the route a scheduler calls to send queued e-mail (serverless hosting).
    CRON_SECRET: optionalString.pipe(z.string().min(16, { message: "expected at least 16 characters" }).optional()),
    // Send queued e-mail from inside the server every few seconds (one box); 0 turns it off.
    OUTBOX_INTERVAL_SECONDS: z
      .string()
      .trim()
      .optional()
      .transform((value) => (value === undefined || value === "" ? "5" : value))
      .pipe(z.string().regex(/^\d+$/, { message: "expected a whole number of seconds (0 turns it off)" }))
      .transform(Number),
    // Set by Next itself: "phase-production-build" while `next build` runs (instrumentation.ts
    // starts no background work then).
    NEXT_PHASE: optionalString,
  })
  .superRefine((value, ctx) => {
    try {
      parseDatabaseUrl(value.DATABASE_URL, value.DATA_DIR);
    } catch (error) {
      ctx.addIssue({ code: "custom", path: ["DATABASE_URL"], message: String(error instanceof Error ? error.message : error).replace(/^DATABASE_URL /, "") });
    }
    /** @type {[keyof typeof value, keyof typeof value][]} */
    const pairs = [
      ["AUTH_GITHUB_ID", "AUTH_GITHUB_SECRET"],
      ["AUTH_GOOGLE_ID", "AUTH_GOOGLE_SECRET"],
      ["AUTH_OIDC_ISSUER", "AUTH_OIDC_ID"],
      ["AUTH_OIDC_ID", "AUTH_OIDC_SECRET"],
    ];
    for (const [a, b] of pairs) {
      if (Boolean(value[a]) !== Boolean(value[b])) {
        const missing = value[a] ? b : a;
        ctx.addIssue({
          code: "custom",
          path: [missing],
          message: `is required when ${value[a] ? a : b} is set (set both, or neither)`,
        });
      }
    }
    if ((value.AUTH_SECRET_REQUIRED || value.VERCEL) && !value.AUTH_SECRET) {
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_SECRET"],
        message:
          "is required on serverless hosting (VERCEL or AUTH_SECRET_REQUIRED is set): every instance must share one secret. Generate one with `openssl rand -base64 33` and set it in the host's environment",
      });
    }
  });

/** @typedef {import("zod").core.$ZodIssue[]} EnvIssues */

/**
 * Turns zod's issues into one line per variable: "SITE_URL: expected …".
 * @param {EnvIssues} issues
 */
export function describeEnvIssues(issues) {
  return issues.map((issue) => `  ${issue.path.join(".") || "environment"}: ${issue.message}`).join("\n");
}

export class EnvError extends Error {
  /** @param {EnvIssues} issues */
  constructor(issues) {
    super(`Invalid environment variables:\n${describeEnvIssues(issues)}\nSee .env.example for each variable and its accepted values.`);
    this.name = "EnvError";
  }
}

/**
 * Parses a given environment; exported so tests can check every bad case.
 * @param {Record<string, string | undefined>} source
 */
export function parseEnv(source) {
  const result = schema.safeParse(source);
  if (!result.success) throw new EnvError(result.error.issues);
  return Object.freeze(result.data);
}

export const env = parseEnv(process.env);
