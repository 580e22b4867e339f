"use client";

import { useActionState } from "react";
import { submitRetraction, type RetractState } from "@/lib/comments/actions";
import { RETRACTION_NOTE_MAX_LENGTH } from "@/lib/comments/validation";

type Props = { commentId: number; retracted: boolean; onCancel?: () => void };

/**
 * Retracting one's comment, or undoing it (issue 14): inline under the comment with JavaScript,
 * and the whole of /comments/<id>/retract without it. A refusal keeps what was typed.
 */
export function RetractForm({ commentId, retracted, onCancel }: Props) {
  const [state, formAction, pending] = useActionState<RetractState, FormData>(submitRetraction, {});
  const noteId = `retract-note-${commentId}`;
  const causeId = `retract-cause-${commentId}`;
  const error = state.error && (
    <p className="form-error" role="alert">
      {state.error}
    </p>
  );
  const cancel = onCancel && (
    <button type="button" className="button-link" onClick={onCancel}>
      Cancel
    </button>
  );
  if (retracted) {
    return (
      <form action={formAction} className="comment-form retract-form">
        <input type="hidden" name="commentId" value={commentId} />
        <p>Undo the retraction? Your comment is shown as something you stand by again; the retraction stays in its history.</p>
        {error}
        <div className="form-buttons">
          <button type="submit" name="intent" value="undo" className="button" disabled={pending}>
            {pending ? "Undoing…" : "Undo retraction"}
          </button>
          {cancel}
        </div>
      </form>
    );
  }
  return (
    <form action={formAction} className="comment-form retract-form">
      <input type="hidden" name="commentId" value={commentId} />
      <p>
        Retract this comment? It stays readable, crossed out and marked “retracted by its author”; its replies stay. You can undo it
        later.
      </p>
      <label htmlFor={noteId}>What changed your mind? (optional)</label>
      <textarea
        id={noteId}
        name="note"
        rows={3}
        maxLength={RETRACTION_NOTE_MAX_LENGTH}
        defaultValue={state.note}
        aria-invalid={state.field === "note" || undefined}
        autoFocus={Boolean(onCancel)}
      />
      <label htmlFor={causeId}>Link to the comment that changed your mind (optional)</label>
      <input
        id={causeId}
        name="cause"
        type="text"
        inputMode="url"
        defaultValue={state.cause}
        aria-invalid={state.field === "cause" || undefined}
        aria-describedby={`${causeId}-hint`}
      />
      <p id={`${causeId}-hint`} className="hint">
        Copy it from that comment’s time (it ends in #comment- and a number), or type the number.
      </p>
      {error}
      <div className="form-buttons">
        <button type="submit" name="intent" value="retract" className="button" disabled={pending}>
          {pending ? "Retracting…" : "Retract comment"}
        </button>
        {cancel}
      </div>
    </form>
  );
}
