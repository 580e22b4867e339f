"use client";

import { useActionState, useState } from "react";
import { submitDelta, type DeltaState } from "@/lib/comments/actions";
import { DELTA_EXPLANATION_MAX_LENGTH, DELTA_EXPLANATION_MIN_LENGTH } from "@/lib/comments/validation";

type Props = { commentId: number; authorName: string; onCancel?: () => void };

/**
 * Awarding a Δ "changed my mind" (issue 14): inline under the comment with JavaScript, and the
 * whole of /comments/<id>/delta without it. A refusal keeps what was typed.
 */
export function DeltaForm({ commentId, authorName, onCancel }: Props) {
  const [state, formAction, pending] = useActionState<DeltaState, FormData>(submitDelta, {});
  const [length, setLength] = useState(state.explanation?.trim().length ?? 0);
  const fieldId = `delta-explanation-${commentId}`;
  const short = DELTA_EXPLANATION_MIN_LENGTH - length;
  return (
    <form action={formAction} className="comment-form delta-form">
      <input type="hidden" name="commentId" value={commentId} />
      <p>
        Award a Δ if {authorName}’s comment changed your mind. It is shown on the comment with your name and what changed, and {authorName}{" "}
        is told. One per reader per essay; you can give it only in a conversation you took part in.
      </p>
      <label htmlFor={fieldId}>What changed your mind?</label>
      <textarea
        id={fieldId}
        name="explanation"
        rows={4}
        maxLength={DELTA_EXPLANATION_MAX_LENGTH}
        required
        defaultValue={state.explanation}
        onChange={(event) => setLength(event.currentTarget.value.trim().length)}
        aria-invalid={Boolean(state.error) || undefined}
        aria-describedby={`${fieldId}-hint`}
        autoFocus={Boolean(onCancel)}
      />
      <p id={`${fieldId}-hint`} className="hint" aria-live="polite">
        {short > 0 ? `At least ${DELTA_EXPLANATION_MIN_LENGTH} characters: ${short} more.` : `${length} of at most ${DELTA_EXPLANATION_MAX_LENGTH} characters.`}
      </p>
      {state.error && (
        <p className="form-error" role="alert">
          {state.error}
          {state.errorLink && (
            <>
              {" "}
              <a href={state.errorLink.href}>{state.errorLink.text}</a>
            </>
          )}
        </p>
      )}
      <div className="form-buttons">
        <button type="submit" className="button" disabled={pending}>
          {pending ? "Awarding…" : "Award Δ"}
        </button>
        {onCancel && (
          <button type="button" className="button-link" onClick={onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
