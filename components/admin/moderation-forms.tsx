// The moderation forms: plain <form action={plain(serverAction)}> with hidden ids, so they work
// without JavaScript. `returnTo` brings the moderator back to the view they were on, with a
// notice (lib/moderation/actions.ts). Field names are the ones lib/moderation/form-schemas.ts reads.
import {
  approveCommentAction,
  banUserAction,
  hideCommentAction,
  lockThreadAction,
  reattachPassageAction,
  removeDeltaAction,
  resolveReportAction,
  restoreCommentAction,
  unbanUserAction,
  unlockThreadAction,
} from "@/lib/moderation/actions";
import type { ModerationState } from "@/lib/moderation/actions";
import { ReasonFields } from "@/components/comments/reason-fields";
import { excerpt } from "@/lib/excerpt";
import { REASON_MAX_LENGTH } from "@/lib/moderation/reason-list";

type Hidden = { returnTo: string };

/**
 * The actions take (previous state, form) for useActionState and accept (form) alone. React's
 * types want a plain form action to return nothing; it ignores what one returns, and with
 * `returnTo` these redirect anyway. The same server function, typed for <form action>.
 */
const plain = (action: (previous: ModerationState | FormData, form?: FormData) => Promise<ModerationState>) =>
  action as unknown as (form: FormData) => Promise<void>;

/** Hide a comment, with a reason; collapsed until opened. */
export function HideCommentForm({ commentId, subject, returnTo }: Hidden & { commentId: number; subject: string }) {
  const idPrefix = `hide-${commentId}`;
  return (
    <details className="admin-details">
      <summary>
        Hide<span className="visually-hidden"> {subject}</span>…
      </summary>
      <form action={plain(hideCommentAction)} className="stack-form admin-form">
        <input type="hidden" name="commentId" value={commentId} />
        <input type="hidden" name="returnTo" value={returnTo} />
        <ReasonFields idPrefix={idPrefix} legend="Why hide it? Readers see this reason." />
        <button type="submit" className="button button-danger">
          Hide comment
        </button>
      </form>
    </details>
  );
}

/** One button that acts on one comment (restore, approve). */
export function CommentButtonForm({
  kind,
  commentId,
  subject,
  returnTo,
}: Hidden & { kind: "restore" | "approve"; commentId: number; subject: string }) {
  return (
    <form action={plain(kind === "restore" ? restoreCommentAction : approveCommentAction)} className="admin-inline-form">
      <input type="hidden" name="commentId" value={commentId} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <button type="submit" className={kind === "approve" ? "button" : "button button-secondary"}>
        {kind === "approve" ? "Approve" : "Restore"}
        <span className="visually-hidden"> {subject}</span>
      </button>
    </form>
  );
}

/** Ban a reader: reason, optional last day, optionally hide everything they wrote. */
export function BanUserForm({ userId, userName, formKey, returnTo }: Hidden & { userId: string; userName: string; formKey: string }) {
  const idPrefix = `ban-${formKey}`;
  return (
    <details className="admin-details">
      <summary>
        Ban<span className="visually-hidden"> {userName}</span>…
      </summary>
      <form action={plain(banUserAction)} className="stack-form admin-form">
        <input type="hidden" name="userId" value={userId} />
        <input type="hidden" name="returnTo" value={returnTo} />
        <ReasonFields idPrefix={idPrefix} legend="Why ban them?" />
        <label htmlFor={`${idPrefix}-ends`}>Last day of the ban (optional)</label>
        <input id={`${idPrefix}-ends`} name="endsAt" type="date" aria-describedby={`${idPrefix}-ends-hint`} />
        <p id={`${idPrefix}-ends-hint`} className="hint">
          Empty: until a moderator lifts it. Dates are UTC.
        </p>
        <label className="admin-checkbox">
          <input type="checkbox" name="hideComments" /> Also hide all their comments
        </label>
        <button type="submit" className="button button-danger">
          Ban {userName}
        </button>
      </form>
    </details>
  );
}

/** Lift a reader's ban. */
export function UnbanUserForm({ userId, userName, returnTo }: Hidden & { userId: string; userName: string }) {
  return (
    <form action={plain(unbanUserAction)} className="admin-inline-form">
      <input type="hidden" name="userId" value={userId} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <button type="submit" className="button button-secondary">
        Lift ban<span className="visually-hidden"> on {userName}</span>
      </button>
    </form>
  );
}

/** Close a report with what was done. */
export function ResolveReportForm({ reportId, returnTo }: Hidden & { reportId: number }) {
  const id = `resolve-${reportId}`;
  return (
    <form action={plain(resolveReportAction)} className="stack-form admin-form">
      <input type="hidden" name="reportId" value={reportId} />
      <input type="hidden" name="returnTo" value={returnTo} />
      <label htmlFor={id}>What was done</label>
      <input id={id} name="resolution" type="text" required maxLength={REASON_MAX_LENGTH} placeholder="Hidden; or: no rule broken" autoComplete="off" />
      <button type="submit" className="button button-secondary">
        Resolve report
      </button>
    </form>
  );
}

/** Lock or unlock one essay's thread. */
export function ThreadLockForm({ essayPath, locked, returnTo }: Hidden & { essayPath: string; locked: boolean }) {
  return (
    <form action={plain(locked ? unlockThreadAction : lockThreadAction)} className="stack-form admin-form">
      <input type="hidden" name="essayPath" value={essayPath} />
      <input type="hidden" name="returnTo" value={returnTo} />
      {!locked && (
        <>
          <label htmlFor="lock-note">Note for the log (optional)</label>
          <input id="lock-note" name="note" type="text" maxLength={REASON_MAX_LENGTH} autoComplete="off" />
        </>
      )}
      <button type="submit" className={locked ? "button button-secondary" : "button button-danger"}>
        {locked ? "Unlock the thread" : "Lock the thread"}
      </button>
    </form>
  );
}

/** Remove an abusive Δ, with a reason readers see in its place; collapsed until opened. */
export function RemoveDeltaForm({ deltaId, subject, returnTo }: Hidden & { deltaId: number; subject: string }) {
  const idPrefix = `remove-delta-${deltaId}`;
  return (
    <details className="admin-details">
      <summary>
        Remove<span className="visually-hidden"> {subject}</span>…
      </summary>
      <form action={plain(removeDeltaAction)} className="stack-form admin-form">
        <input type="hidden" name="deltaId" value={deltaId} />
        <input type="hidden" name="returnTo" value={returnTo} />
        <ReasonFields idPrefix={idPrefix} legend="Why remove it? Readers see this reason in its place." />
        <button type="submit" className="button button-danger">
          Remove Δ
        </button>
      </form>
    </details>
  );
}

const blockLabel = (text: string, index: number) => `${index + 1}. ${excerpt(text, 70)}`;

/**
 * Re-attach a response to a passage by hand (issue 15): a paragraph of the essay's current version
 * and the words in it, copied exactly. Other words than the quote are shown as "changed".
 */
export function ReattachPassageForm({ commentId, blocks, nearBlockId, returnTo }: Hidden & { commentId: number; blocks: readonly { id: string; text: string }[]; nearBlockId?: string }) {
  const idPrefix = `reattach-${commentId}`;
  return (
    <details className="admin-details">
      <summary>
        Re-attach<span className="visually-hidden"> the passage of comment {commentId}</span>…
      </summary>
      <form action={plain(reattachPassageAction)} className="stack-form admin-form">
        <input type="hidden" name="commentId" value={commentId} />
        <input type="hidden" name="returnTo" value={returnTo} />
        <label htmlFor={`${idPrefix}-block`}>Paragraph of the current version</label>
        <select id={`${idPrefix}-block`} name="blockId" defaultValue={nearBlockId} required>
          {blocks.map((block, index) => (
            <option key={block.id} value={block.id}>
              {blockLabel(block.text, index)}
            </option>
          ))}
        </select>
        <label htmlFor={`${idPrefix}-words`}>The words in it this response is about</label>
        <textarea id={`${idPrefix}-words`} name="words" required maxLength={1000} rows={2} aria-describedby={`${idPrefix}-words-hint`} />
        <p id={`${idPrefix}-words-hint`} className="hint">
          Copy them from the paragraph exactly. If they are not the words it quoted, readers see its original quote, marked “revised after this comment”.
        </p>
        <button type="submit" className="button">
          Re-attach
        </button>
      </form>
    </details>
  );
}
