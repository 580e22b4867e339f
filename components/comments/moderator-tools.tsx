"use client";

import { useActionState, useState } from "react";
import {
  hideCommentAction,
  lockThreadAction,
  reportCommentAction,
  restoreCommentAction,
  unlockThreadAction,
  type ModerationState,
} from "@/lib/moderation/actions";
import { useViewer } from "../viewer-context";
import { ReasonFields } from "./reason-fields";

function Outcome({ state }: { state: ModerationState }) {
  if (!state) return null;
  return state.ok ? (
    <p className="form-ok" role="status">
      {state.message}
    </p>
  ) : (
    <p className="form-error" role="alert">
      {state.error}
    </p>
  );
}

/** A comment id and a reason: the shape of both the hide and the report forms. */
function ReasonForm(props: {
  action: (form: FormData) => void;
  commentId: number;
  idPrefix: string;
  legend: string;
  submit: { label: string; className: string };
  pending: boolean;
  state: ModerationState;
  onCancel: () => void;
}) {
  return (
    <form action={props.action} className="comment-form moderation-form">
      <input type="hidden" name="commentId" value={props.commentId} />
      <ReasonFields idPrefix={props.idPrefix} legend={props.legend} />
      <div className="form-buttons">
        <button type="submit" className={props.submit.className} disabled={props.pending}>
          {props.submit.label}
        </button>
        <button type="button" className="button-link" onClick={props.onCancel}>
          Cancel
        </button>
      </div>
      <Outcome state={props.state} />
    </form>
  );
}

/** Lock or unlock the whole conversation; moderators only (the action checks again). */
export function ModeratorThreadTools({ essayPath, locked }: { essayPath: string; locked: boolean }) {
  const { viewer } = useViewer();
  const [state, action, pending] = useActionState<ModerationState, FormData>(locked ? unlockThreadAction : lockThreadAction, null);
  if (!viewer.signedIn || !viewer.moderator) return null;
  return (
    <form action={action} className="moderator-bar" aria-label="Moderate this conversation">
      <input type="hidden" name="essayPath" value={essayPath} />
      <span className="moderator-label">Moderator:</span>
      <button type="submit" className="button button-secondary" disabled={pending}>
        {locked ? "Unlock conversation" : "Lock conversation"}
      </button>
      <a href={`/admin?view=recent&essay=${encodeURIComponent(essayPath)}`}>Moderation page</a>
      <Outcome state={state} />
    </form>
  );
}

/** Hide (with a reason) or restore one comment; moderators only. */
export function CommentModeration({ commentId, hidden, subject }: { commentId: number; hidden: boolean; subject: string }) {
  const { viewer } = useViewer();
  const [open, setOpen] = useState(false);
  const [state, action, pending] = useActionState<ModerationState, FormData>(hidden ? restoreCommentAction : hideCommentAction, null);
  if (!viewer.signedIn || !viewer.moderator) return null;
  if (hidden) {
    return (
      <form action={action} className="inline-form">
        <input type="hidden" name="commentId" value={commentId} />
        <button type="submit" className="button-link" disabled={pending}>
          Restore<span className="visually-hidden"> {subject}</span>
        </button>
        <Outcome state={state} />
      </form>
    );
  }
  return (
    <>
      <button type="button" className="button-link" aria-expanded={open} onClick={() => setOpen(!open)}>
        Hide<span className="visually-hidden"> {subject}</span>
      </button>
      {open && (
        <ReasonForm
          action={action}
          commentId={commentId}
          idPrefix={`hide-${commentId}`}
          legend="Why hide it? Readers see this reason."
          submit={{ label: "Hide comment", className: "button button-danger" }}
          pending={pending}
          state={state}
          onCancel={() => setOpen(false)}
        />
      )}
    </>
  );
}

/** Any signed-in reader can report someone else's comment, once. */
export function ReportComment({ commentId, authorId, subject }: { commentId: number; authorId: string | null; subject: string }) {
  const { viewer } = useViewer();
  const [open, setOpen] = useState(false);
  const [state, action, pending] = useActionState<ModerationState, FormData>(reportCommentAction, null);
  if (!viewer.signedIn || viewer.id === authorId) return null;
  if (state?.ok) {
    return (
      <p className="form-ok" role="status">
        {state.message}
      </p>
    );
  }
  return (
    <>
      <button type="button" className="button-link" aria-expanded={open} onClick={() => setOpen(!open)}>
        Report<span className="visually-hidden"> {subject}</span>
      </button>
      {open && (
        <ReasonForm
          action={action}
          commentId={commentId}
          idPrefix={`report-${commentId}`}
          legend="What is wrong with it? Only moderators see your report."
          submit={{ label: "Send report", className: "button" }}
          pending={pending}
          state={state}
          onCancel={() => setOpen(false)}
        />
      )}
    </>
  );
}
