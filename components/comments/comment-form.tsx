"use client";

import { useActionState, useId } from "react";
import { submitComment, submitEdit, type CommentFormState } from "@/lib/comments/actions";

type Props = {
  essayPath: string;
  parentId?: number;
  /** Editing an existing comment instead of posting a new one. */
  edit?: { commentId: number; body: string };
  label: string;
  submitLabel: string;
  onCancel?: () => void;
  autoFocus?: boolean;
};

/**
 * The one form for new comments, replies and edits. A plain form post to a server action,
 * so it works without JavaScript; with it, no full reload and a pending state. On success
 * the action redirects to the comment's permalink; on a refusal the text comes back.
 */
export function CommentForm({ essayPath, parentId, edit, label, submitLabel, onCancel, autoFocus }: Props) {
  const [state, formAction, pending] = useActionState<CommentFormState, FormData>(edit ? submitEdit : submitComment, {});
  const id = useId();
  const field = `${id}-body`;
  return (
    <form action={formAction} className="comment-form" aria-busy={pending}>
      <input type="hidden" name="essayPath" value={essayPath} />
      {parentId !== undefined && <input type="hidden" name="parentId" value={parentId} />}
      {edit && <input type="hidden" name="commentId" value={edit.commentId} />}
      <label htmlFor={field}>{label}</label>
      <textarea
        id={field}
        name="body"
        rows={parentId !== undefined || edit ? 4 : 6}
        maxLength={10_000}
        required
        autoFocus={autoFocus}
        defaultValue={state.body ?? edit?.body ?? ""}
        key={state.body ?? edit?.body ?? ""}
        aria-invalid={state.error ? true : undefined}
        aria-describedby={state.error ? `${field}-error` : `${field}-hint`}
      />
      <p id={`${field}-hint`} className="hint">
        Markdown: *emphasis*, **strong**, `code`, &gt; quotes, lists and links. Be generous with the people you disagree with.
      </p>
      {state.error && (
        <p id={`${field}-error`} className="form-error" role="alert">
          {state.error}
          {state.errorLink && (
            <>
              {" "}
              <a href={state.errorLink.href}>{state.errorLink.text}</a>
            </>
          )}
        </p>
      )}
      {state.previewHtml && (
        <section className="comment-preview" aria-label="Preview">
          <p className="preview-label">Preview</p>
          <div className="comment-body" dangerouslySetInnerHTML={{ __html: state.previewHtml }} />
        </section>
      )}
      <div className="form-buttons">
        <button type="submit" name="intent" value="post" className="button" disabled={pending}>
          {pending ? "Posting…" : submitLabel}
        </button>
        <button type="submit" name="intent" value="preview" className="button button-secondary" disabled={pending} formNoValidate>
          Preview
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
