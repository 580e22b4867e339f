"use client";

import { useActionState } from "react";
import { submitRestatementAnswer, type RestatementAnswerState } from "@/lib/comments/actions";

/**
 * The answer of the person whose view a reply restated (decision 041), given once: inline with
 * JavaScript, the whole of /comments/<id>/restatement without it. "Not quite" says what.
 */
export function RestatementAnswerForm({ commentId, onCancel }: { commentId: number; onCancel?: () => void }) {
  const [state, formAction, pending] = useActionState<RestatementAnswerState, FormData>(submitRestatementAnswer, {});
  const field = `restatement-correction-${commentId}`;
  return (
    <form action={formAction} className="comment-form restatement-form">
      <input type="hidden" name="commentId" value={commentId} />
      <fieldset>
        <legend>Did they restate your view fairly? You answer once.</legend>
        <button type="submit" name="verdict" value="confirmed" className="button" disabled={pending}>
          Yes, that’s my view
        </button>
        <label htmlFor={field}>Or, if not quite: what would you correct?</label>
        <input id={field} name="correction" type="text" defaultValue={state.correction} autoComplete="off" autoFocus={Boolean(onCancel)} />
        <div className="form-buttons">
          <button type="submit" name="verdict" value="not-quite" className="button button-secondary" disabled={pending}>
            Not quite
          </button>
          {onCancel && (
            <button type="button" className="button-link" onClick={onCancel}>
              Cancel
            </button>
          )}
        </div>
      </fieldset>
      {state.error && (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      )}
    </form>
  );
}
