"use client";

import { useActionState } from "react";
import { requestMagicLink, type MagicLinkState } from "@/lib/auth/sign-in-actions";

/** Works without JavaScript too: the form posts to the server action and the page comes back with its state. */
export function MagicLinkForm({ callbackUrl }: { callbackUrl: string }) {
  const [state, formAction, pending] = useActionState<MagicLinkState, FormData>(requestMagicLink, {});
  return (
    <form action={formAction} className="stack-form" noValidate>
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <label htmlFor="email">E-mail address</label>
      <input
        id="email"
        name="email"
        type="email"
        autoComplete="email"
        required
        defaultValue={state.email}
        aria-invalid={state.error ? true : undefined}
        aria-describedby={state.error ? "email-error" : "email-hint"}
      />
      <p id="email-hint" className="hint">
        We send you a link that signs you in. No password.
      </p>
      {state.error && (
        <p id="email-error" className="form-error" role="alert">
          {state.error}
        </p>
      )}
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Sending…" : "E-mail me a sign-in link"}
      </button>
    </form>
  );
}
