"use client";

import { useActionState, useId, useState, type FormEvent } from "react";
import { submitComment, submitEdit, type CommentFormState } from "@/lib/comments/actions";
import { CommentBodyField } from "./comment-body-field";
import { countCommentCharacters, MAX, overLimitError } from "./comment-length";
import { formAnchor, useReturnToForm } from "./form-return";

type Props = {
  essayPath: string;
  parentId?: number;
  /** Editing an existing comment instead of posting a new one. */
  edit?: { commentId: number; body: string };
  /** Text kept from an earlier attempt (a draft kept across a sign-in). */
  draft?: string;
  /** For a reply: the name of the comment's author, whose view a disagreeing reply restates. */
  replyTo?: string;
  label: string;
  submitLabel: string;
  onCancel?: () => void;
  autoFocus?: boolean;
  /** For a new comment on a passage of the essay (issue 15): the passage, checked again by the server. */
  passage?: { revisionId: string; blockId: string; start: number; end: number; exact: string };
};

/**
 * The one form for new comments, replies and edits. A plain form post to a server action,
 * so it works without JavaScript; with it, no full reload and a pending state. On success
 * the action redirects to the comment's permalink; on a refusal the text comes back.
 */
export function CommentForm({ essayPath, parentId, edit, draft, replyTo, label, submitLabel, onCancel, autoFocus, passage }: Props) {
  const anchor = formAnchor({ parentId, editId: edit?.commentId });
  const [state, formAction, pending] = useActionState<CommentFormState, FormData>(edit ? submitEdit : submitComment, {}, useReturnToForm(anchor));
  // Over the limit the browser does not send it (the server would refuse it the same way, decision 031).
  const [tooLong, setTooLong] = useState<string | undefined>(undefined);
  const id = useId();
  const field = `${id}-body`;
  const initial = state.body ?? edit?.body ?? draft ?? "";
  const error = tooLong ?? state.error;

  const refuseOverLimit = (event: FormEvent<HTMLFormElement>) => {
    const box = event.currentTarget.elements.namedItem("body");
    if (!(box instanceof HTMLTextAreaElement)) return;
    const count = countCommentCharacters(box.value);
    if (count <= MAX) return;
    event.preventDefault();
    setTooLong(overLimitError(count));
    box.focus();
  };

  return (
    <form id={anchor} action={formAction} onSubmit={refuseOverLimit} className="comment-form" aria-busy={pending}>
      <input type="hidden" name="essayPath" value={essayPath} />
      {parentId !== undefined && <input type="hidden" name="parentId" value={parentId} />}
      {edit && <input type="hidden" name="commentId" value={edit.commentId} />}
      {passage && (
        <>
          <input type="hidden" name="passage-revision" value={passage.revisionId} />
          <input type="hidden" name="passage-block" value={passage.blockId} />
          <input type="hidden" name="passage-start" value={passage.start} />
          <input type="hidden" name="passage-end" value={passage.end} />
          <input type="hidden" name="passage-exact" value={passage.exact} />
        </>
      )}
      <label htmlFor={field}>{label}</label>
      <CommentBodyField
        // A new state from the server brings its copy of the text: the box starts again from it.
        key={initial}
        id={field}
        rows={parentId !== undefined || edit ? 4 : 6}
        initial={initial}
        autoFocus={autoFocus}
        invalid={Boolean(error)}
        describedBy={error ? `${field}-error` : `${field}-hint`}
        onCount={(count) => {
          if (tooLong && count <= MAX) setTooLong(undefined);
        }}
      />
      <p id={`${field}-hint`} className="hint">
        Markdown: *emphasis*, **strong**, `code`, &gt; quotes, lists and links. Be generous with the people you disagree with.
      </p>
      {parentId !== undefined && !edit && <DisagreeFields key={`${state.disagrees}-${state.restatement}`} id={id} replyTo={replyTo ?? "its author"} disagrees={state.disagrees} restatement={state.restatement} />}
      {error && (
        <p id={`${field}-error`} className="form-error" role="alert">
          {error}
          {!tooLong && state.errorLink && (
            <>
              {" "}
              <a href={state.errorLink.href}>{state.errorLink.text}</a>
            </>
          )}
        </p>
      )}
      {state.previewHtml && !tooLong && (
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

/**
 * The restatement check (decision 041): a reply may say it disagrees; then, first, one sentence
 * restating the view it answers ("You're saying that …"), which may be skipped. The field shows
 * once the box is ticked (CSS :has, so without JavaScript too).
 */
function DisagreeFields({ id, replyTo, disagrees, restatement }: { id: string; replyTo: string; disagrees?: boolean; restatement?: string }) {
  const field = `${id}-restatement`;
  return (
    <div className="disagree-fields">
      <label className="checkbox-label">
        <input type="checkbox" name="disagrees" defaultChecked={disagrees} /> I disagree with {replyTo}
      </label>
      <div className="restatement-field">
        <label htmlFor={field}>{`First, restate ${replyTo}’s view in one sentence: “You’re saying that …”`}</label>
        <input id={field} name="restatement" type="text" defaultValue={restatement} autoComplete="off" aria-describedby={`${field}-hint`} />
        <p id={`${field}-hint`} className="hint">
          Optional; skipping it is fine. {replyTo} can answer “yes, that’s my view” or “not quite”. At most one sentence of 300 characters.
        </p>
      </div>
    </div>
  );
}
