import type { Viewer } from "@/lib/auth/session-user";
import type { ThreadRefresh } from "@/lib/comments/refresh-threads";

// The one shape every comment write answers in (docs/decisions/026-one-command-per-comment-write.md).
// Transports turn it into what their client needs: a server action into form state or a
// redirect, the JSON route into an HTTP status (./http-status.ts) and a body.

/** Why a write was refused, as a category every transport can map. */
export type FailureCode = "invalid" | "unauthenticated" | "forbidden" | "not-found" | "conflict" | "rate-limited";

/** A page that removes the refusal's cause (e.g. choosing a public name), shown beside the message. */
export type FailureLink = { href: string; text: string };

export type Failure<Detail extends object = object> = {
  ok: false;
  code: FailureCode;
  /** Written for the reader; never a stack trace. */
  message: string;
  /** The input field the message is about, when one is (`invalid` only). */
  field?: string;
  /** Every wrong field's message, when several are (`invalid` only). */
  fields?: Record<string, string>;
  link?: FailureLink;
} & Detail;

/** What a write answers: ok with its own facts, and the threads whose cached pages it changed. */
export type CommandResult<Success extends object = object, Detail extends object = object> =
  | ({ ok: true; refresh?: ThreadRefresh } & Success)
  | Failure<Detail>;

/** Every command's one argument: who asks (null: nobody signed in), and the unparsed input. */
export type CommandRequest = { viewer: Viewer; input: unknown };

export function fail(code: FailureCode, message: string, extra: Partial<Pick<Failure, "field" | "fields" | "link">> = {}): Failure {
  return { ok: false, code, message, ...extra };
}

/** An `invalid` failure from per-field messages: the first one is the message. */
export function invalidFields(fieldErrors: Partial<Record<string, string>>): Failure {
  const fields = Object.fromEntries(Object.entries(fieldErrors).filter((entry): entry is [string, string] => entry[1] !== undefined));
  const [first] = Object.entries(fields);
  return fail("invalid", first?.[1] ?? "Check the fields.", { field: first?.[0], fields });
}

/** Input a form or a JSON body can carry: only an object has fields to read. */
export const isRecord = (input: unknown): input is FormData | Readonly<Record<string, unknown>> => typeof input === "object" && input !== null;
