"use client";

import { useActionState } from "react";
import { deleteAccountAction, type DeleteAccountState } from "@/lib/account/actions";

/** "Your data" on the profile page: download everything you wrote, or delete your account. */
export function YourData() {
  const [state, formAction, pending] = useActionState<DeleteAccountState, FormData>(deleteAccountAction, {});
  const keep = (state.comments ?? "keep") === "keep";
  return (
    <>
      <section aria-labelledby="your-data-title">
        <h2 id="your-data-title" className="section-title">
          Your data
        </h2>
        <p>
          Everything you wrote here in one JSON file: your comments in every state with their earlier versions, the
          reports you filed, and your profile with your e-mail address.
        </p>
        <p>
          <a href="/api/me/export" className="button button-secondary" download>
            Download everything you wrote
          </a>
        </p>
      </section>
      <section aria-labelledby="delete-account-title">
        <h2 id="delete-account-title" className="section-title">
          Delete your account
        </h2>
        <p>
          This removes your name, e-mail address, picture, sign-in methods and sessions for good, and signs you out.
          It cannot be undone: download your data first if you want a copy. You can sign in again later, as a new reader.
        </p>
        {/* key: React resets a form after its action; the choice made comes back from the state. */}
        <form key={state.comments ?? "initial"} action={formAction} className="stack-form" noValidate>
          <fieldset className="radio-group choice-panel" aria-describedby="delete-account-comments-hint">
            <legend>Your comments</legend>
            <p id="delete-account-comments-hint" className="hint">
              Other readers&rsquo; replies stay either way. Kept comments no longer carry your name, but what
              you wrote in them may still tell people who you are.
            </p>
            <div className="radio-choice">
              <input
                id="delete-account-keep"
                type="radio"
                name="comments"
                value="keep"
                defaultChecked={keep}
                aria-describedby="delete-account-keep-hint"
              />
              <label htmlFor="delete-account-keep">Keep them in their conversations</label>
              <p id="delete-account-keep-hint" className="hint">
                Shown as written by &ldquo;a former reader&rdquo;.
              </p>
            </div>
            <div className="radio-choice">
              <input
                id="delete-account-delete"
                type="radio"
                name="comments"
                value="delete"
                defaultChecked={!keep}
                aria-describedby="delete-account-delete-hint"
              />
              <label htmlFor="delete-account-delete">Delete them too</label>
              <p id="delete-account-delete-hint" className="hint">
                Their text is erased, and where someone replied a &ldquo;deleted&rdquo; marker keeps the replies in place.
              </p>
            </div>
          </fieldset>
          <label htmlFor="delete-account-confirmation">Type DELETE to confirm</label>
          <input
            id="delete-account-confirmation"
            name="confirmation"
            type="text"
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            required
            aria-invalid={state.error ? true : undefined}
            aria-describedby={state.error ? "delete-account-error" : undefined}
          />
          {state.error && (
            <p id="delete-account-error" className="form-error" role="alert">
              {state.error}
            </p>
          )}
          <button type="submit" className="button button-danger" disabled={pending}>
            {pending ? "Deleting your account…" : "Delete my account"}
          </button>
        </form>
      </section>
    </>
  );
}
