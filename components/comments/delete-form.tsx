"use client";

import { useActionState } from "react";
import { submitDelete, type DeleteState } from "@/lib/comments/actions";

export function DeleteForm({ commentId, hasReplies, onCancel }: { commentId: number; hasReplies?: boolean; onCancel?: () => void }) {
  const [state, formAction, pending] = useActionState<DeleteState, FormData>(submitDelete, {});
  return (
    <form action={formAction} className="comment-form delete-form">
      <input type="hidden" name="commentId" value={commentId} />
      <p>
        Delete this comment?{" "}
        {hasReplies === undefined
          ? "If it has replies they stay, under a “[deleted]” marker; otherwise it disappears from the conversation."
          : hasReplies
            ? "Its replies stay, under a “[deleted]” marker."
            : "It disappears from the conversation."}
      </p>
      {state.error && (
        <p className="form-error" role="alert">
          {state.error}
        </p>
      )}
      <div className="form-buttons">
        <button type="submit" className="button button-danger" disabled={pending}>
          {pending ? "Deleting…" : "Delete comment"}
        </button>
        {onCancel && (
          <button type="button" className="button-link" onClick={onCancel}>
            Keep it
          </button>
        )}
      </div>
    </form>
  );
}
