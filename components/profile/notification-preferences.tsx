"use client";

import { useActionState } from "react";
import { updateNotificationPreference, type NotificationPreferenceState } from "@/lib/profile/notification-actions";
import { NOTIFY_OPTIONS, type NotifyPreference } from "@/lib/notifications/preferences";

const SAVED: Record<NotifyPreference, string> = {
  replies: "Saved. You will get an e-mail when someone replies to you.",
  threads: "Saved. You will get an e-mail for replies and for new comments in conversations you joined.",
  never: "Saved. You will get no e-mail about conversations.",
};


/** Which e-mails about conversations the reader gets; works without JavaScript (a plain form post). */
export function NotificationPreferences({ current }: { current: NotifyPreference }) {
  const [state, formAction, pending] = useActionState<NotificationPreferenceState, FormData>(updateNotificationPreference, {});
  const selected = state.notify ?? current;
  return (
    <form action={formAction} className="stack-form">
      <fieldset className="radio-group" aria-describedby={state.error ? "notify-error" : undefined}>
        <legend>E-mail me about conversations</legend>
        {NOTIFY_OPTIONS.map((option) => (
          <div key={option.value} className="radio-choice">
            <input
              id={`notify-${option.value}`}
              type="radio"
              name="notify"
              value={option.value}
              defaultChecked={option.value === selected}
              aria-describedby={`notify-${option.value}-hint`}
              required
            />
            <label htmlFor={`notify-${option.value}`}>
              {option.label}
            </label>
            <p id={`notify-${option.value}-hint`} className="hint">
              {option.hint}
            </p>
          </div>
        ))}
      </fieldset>
      {state.error && (
        <p id="notify-error" className="form-error" role="alert">
          {state.error}
        </p>
      )}
      {state.ok && state.notify && (
        <p className="form-ok" role="status">
          {SAVED[state.notify]}
        </p>
      )}
      <button type="submit" className="button" disabled={pending}>
        {pending ? "Saving…" : "Save e-mail settings"}
      </button>
    </form>
  );
}
