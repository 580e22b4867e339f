"use server";

import { AuthError } from "next-auth";
import { z } from "zod";
import { oauthProviders, signIn } from "@/auth";
import { countRateLimitHits } from "@/db/queries/rate-limits";
import { env } from "@/env.js";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { nameChoiceHref } from "@/lib/auth/display-name";
import { SIGN_IN_EMAIL_BUCKET, SIGN_IN_EMAIL_WINDOW_MS } from "@/lib/auth/limits";

/**
 * Every sign-in goes through the name page first: it asks a reader who has not accepted a public
 * name yet, and sends everyone else straight on to where they were going (decision 030).
 */
const afterSignIn = (callbackUrl: FormDataEntryValue | null) => nameChoiceHref(safeCallbackPath(callbackUrl));

export type MagicLinkState = { error?: string; email?: string };

const emailSchema = z
  .string()
  .trim()
  .toLowerCase()
  .max(254, { message: "That address is too long." })
  .pipe(z.email({ message: "Enter an e-mail address such as you@example.org." }));

export async function requestMagicLink(_previous: MagicLinkState, form: FormData): Promise<MagicLinkState> {
  const parsed = emailSchema.safeParse(form.get("email") ?? "");
  const typed = String(form.get("email") ?? "");
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Enter an e-mail address.", email: typed };
  const email = parsed.data;

  // A friendly early answer; the authoritative limit is taken where the e-mail is sent (auth.ts).
  const recent = await countRateLimitHits({ bucket: SIGN_IN_EMAIL_BUCKET, key: email, windowMs: SIGN_IN_EMAIL_WINDOW_MS });
  if (recent >= env.SIGN_IN_EMAILS_PER_HOUR) {
    return {
      error: `We have sent ${env.SIGN_IN_EMAILS_PER_HOUR} sign-in e-mails to this address in the last hour. Use the newest link, or try again in an hour.`,
      email: typed,
    };
  }
  try {
    await signIn("email", { email, redirectTo: afterSignIn(form.get("callbackUrl")) });
  } catch (error) {
    // signIn redirects by throwing; only Auth.js's own errors are answered here.
    if (error instanceof AuthError) {
      return { error: "The sign-in e-mail could not be sent. Try again in a minute.", email: typed };
    }
    throw error;
  }
  return {};
}

export async function signInWithProvider(form: FormData): Promise<void> {
  const provider = String(form.get("provider") ?? "");
  // Only configured providers: anything else would reach Auth.js's error page.
  if (!oauthProviders().some((p) => p.id === provider)) return;
  await signIn(provider, { redirectTo: afterSignIn(form.get("callbackUrl")) });
}
