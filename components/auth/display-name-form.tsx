"use client";

import { useActionState, useEffect } from "react";
import { updateDisplayName, type ProfileState } from "@/lib/profile/display-name-actions";
import { useViewer } from "../viewer-context";

/** The name form of the profile, and of the name page after the first sign-in (with callbackUrl: it goes there once saved). */
export function DisplayNameForm({ current, callbackUrl, submitLabel = "Save name" }: { current: string; callbackUrl?: string; submitLabel?: string }) {
  const [state, formAction, pending] = useActionState<ProfileState, FormData>(updateDisplayName, {});
  const { refresh } = useViewer();
  // The header learnt the name when the page loaded; a saved one must reach it without a reload.
  useEffect(() => {
    if (state.ok) refresh();
  }, [state, refresh]);
  return (
    <form action={formAction} className="stack-form" noValidate>
      {callbackUrl !== undefined && <input type="hidden" name="callbackUrl" value={callbackUrl} />}
      <label htmlFor="displayName">Display name</label>
      <input
        id="displayName"
        name="displayName"
        type="text"
        maxLength={50}
        required
        defaultValue={state.displayName ?? current}
        aria-invalid={state.error ? true : undefined}
        aria-describedby={state.error ? "displayName-error" : "displayName-hint"}
      />
      <p id="displayName-hint" className="hint">
        Shown beside your comments, never your e-mail address. 1 to 50 characters.
      </p>
      {state.error && (
        <p id="displayName-error" className="form-error" role="alert">
          {state.error}
        </p>
      )}
      {state.ok && (
        <p className="form-ok" role="status">
          Saved. Readers now see you as “{state.displayName}”.
        </p>
      )}
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Saving…" : submitLabel}
      </button>
    </form>
  );
}
