"use client";

import { useEffect, useState } from "react";
import type { ThreadRow } from "@/lib/comments/cached-queries";
import { Avatar } from "../auth/account-link";
import { useViewer } from "../viewer-context";
import { CommentBody } from "./comment-body";
import { CommentForm } from "./comment-form";
import dynamic from "next/dynamic";
import { CommentTime } from "./comment-time";
import { CommentVotes, type VoteContext } from "./comment-votes";
import { NoScriptOwnLinks } from "./no-script-own-links";
import { DeltaNotes } from "./delta-notes";
import { PassageQuote } from "./passage-quote";
import { RestatementNote } from "./restatement-note";
import { RetractionNote } from "./retraction-note";

// Loaded when first needed: they only ever appear after the page has hydrated (a click, or a
// signed-in reader or moderator), so they stay out of the essay page's first JavaScript.
const DeleteForm = dynamic(() => import("./delete-form").then((m) => m.DeleteForm), { ssr: false });
const RetractForm = dynamic(() => import("./retract-form").then((m) => m.RetractForm), { ssr: false });
const DeltaForm = dynamic(() => import("./delta-form").then((m) => m.DeltaForm), { ssr: false });
const CommentModeration = dynamic(() => import("./moderator-tools").then((m) => m.CommentModeration), { ssr: false });
const ReportComment = dynamic(() => import("./moderator-tools").then((m) => m.ReportComment), { ssr: false });

type Mode = "read" | "reply" | "edit" | "delete" | "retract" | "delta";

export type CommentItemProps = {
  comment: ThreadRow;
  tombstone?: "deleted" | "hidden" | null;
  replyCount: number;
  essayPath: string;
  open: boolean;
  votes: VoteContext;
  /** Set for replies shown flat past the indentation limit. */
  inReplyTo?: { id: number; name: string };
  /** The comment this one replies to: its author may answer a restatement of their view. */
  parent?: { name: string; authorId: string | null };
};

export function CommentItem({ comment, tombstone, replyCount, essayPath, open, votes, inReplyTo, parent }: CommentItemProps) {
  const [mode, setMode] = useState<Mode>("read");
  const { viewer } = useViewer();
  const own = viewer.signedIn && comment.authorId === viewer.id && !tombstone;
  const headingId = `comment-${comment.id}-by`;
  const retraction = tombstone ? undefined : comment.retraction;
  // A Δ goes to someone else's shown comment; who took part in the conversation is checked on submit.
  const deltaOffered = !tombstone && !retraction && !comment.held && comment.authorId !== null && !(viewer.signedIn && comment.authorId === viewer.id);

  return (
    <article
      id={`comment-${comment.id}`}
      className={`comment${tombstone ? " comment-tombstone" : ""}${retraction ? " comment-retracted" : ""}`}
      aria-labelledby={headingId}
    >
      <header className="comment-meta">
        {!tombstone && <Avatar name={comment.authorName} image={comment.authorImage} userId={comment.authorId} size={32} />}
        <span id={headingId} className="comment-author">
          {tombstone ? "Removed comment" : comment.authorName}
        </span>
        <CommentTime commentId={comment.id} createdAt={comment.createdAt} editedAt={tombstone ? null : comment.editedAt} />
      </header>
      {inReplyTo && (
        <p className="in-reply-to">
          in reply to <a href={`#comment-${inReplyTo.id}`}>{inReplyTo.name}</a>
        </p>
      )}
      {tombstone === "deleted" && <p className="tombstone-text">[deleted]</p>}
      {tombstone === "hidden" && (
        <p className="tombstone-text">{`[removed by a moderator${comment.moderationReason ? `: ${comment.moderationReason}` : ""}]`}</p>
      )}
      {tombstone === "hidden" && comment.ownBodyHtml && (
        <div className="own-held">
          <p className="held-note">Only you see your text:</p>
          <div className="comment-body" dangerouslySetInnerHTML={{ __html: comment.ownBodyHtml }} />
        </div>
      )}
      {comment.held === "pending" && (
        <p className="held-note" role="status">
          Awaiting approval: only you can see this comment until a moderator approves it.
        </p>
      )}
      {!tombstone && comment.disagreement && (
        <RestatementNote
          commentId={comment.id}
          disagreement={comment.disagreement}
          answeredName={parent?.name ?? "its author"}
          answeredId={parent?.authorId ?? null}
          canAnswer={viewer.signedIn && parent?.authorId === viewer.id}
        />
      )}
      {retraction && <RetractionNote retraction={retraction} />}
      {!tombstone && comment.passage && <PassageQuote passage={comment.passage} essayPath={essayPath} />}
      {!tombstone && mode !== "edit" && <CommentBody commentId={comment.id} html={comment.bodyHtml ?? ""} authorName={comment.authorName} />}
      {mode === "edit" && (
        <EditLoader commentId={comment.id} essayPath={essayPath} onCancel={() => setMode("read")} />
      )}
      {!tombstone && comment.deltas && <DeltaNotes deltas={comment.deltas} />}
      {!tombstone && !comment.held && <CommentVotes comment={comment} context={votes} />}
      <footer className="comment-actions">
        {replyCount > 0 && (
          <span className="reply-count">{`${replyCount} ${replyCount === 1 ? "reply" : "replies"}`}</span>
        )}
        {/* Nothing to answer under a removed comment: its replies keep their place, no new ones join them. */}
        {open && !tombstone && (
          <a
            // The reply page asks anonymous readers to sign in first; signed in, the form opens here instead.
            href={`/comments/${comment.id}/reply`}
            onClick={(event) => {
              if (!viewer.signedIn) return;
              event.preventDefault();
              setMode(mode === "reply" ? "read" : "reply");
            }}
            aria-expanded={viewer.signedIn ? mode === "reply" : undefined}
          >
            Reply<span className="visually-hidden">{` to ${comment.authorName}`}</span>
          </a>
        )}
        {deltaOffered && (
          <a
            // Like Reply: the page asks anonymous readers to sign in first; signed in, the form opens here.
            href={`/comments/${comment.id}/delta`}
            onClick={(event) => {
              if (!viewer.signedIn) return;
              event.preventDefault();
              setMode(mode === "delta" ? "read" : "delta");
            }}
            aria-expanded={viewer.signedIn ? mode === "delta" : undefined}
          >
            <span aria-hidden="true">Δ </span>Changed my mind<span className="visually-hidden">{` — award a Δ to ${comment.authorName}`}</span>
          </a>
        )}
        {viewer.signedIn && !tombstone && !comment.held && (
          <ReportComment commentId={comment.id} authorId={comment.authorId} subject={`the comment by ${comment.authorName}`} />
        )}
        {viewer.signedIn && viewer.moderator && tombstone !== "deleted" && !comment.held && (
          <CommentModeration
            commentId={comment.id}
            hidden={tombstone === "hidden"}
            subject={tombstone ? "this comment" : `the comment by ${comment.authorName}`}
          />
        )}
        {!tombstone && !comment.held && <NoScriptOwnLinks commentId={comment.id} authorId={comment.authorId} retracted={Boolean(retraction)} />}
        {own && (
          <>
            {!retraction && (
              <button type="button" className="button-link" onClick={() => setMode("edit")} aria-expanded={mode === "edit"}>
                Edit<span className="visually-hidden"> your comment</span>
              </button>
            )}
            {!comment.held && (
              <button type="button" className="button-link" onClick={() => setMode("retract")} aria-expanded={mode === "retract"}>
                {retraction ? "Undo retraction" : "Retract"}
                <span className="visually-hidden">{retraction ? " of your comment" : " your comment"}</span>
              </button>
            )}
            <button type="button" className="button-link" onClick={() => setMode("delete")} aria-expanded={mode === "delete"}>
              Delete<span className="visually-hidden"> your comment</span>
            </button>
          </>
        )}
      </footer>
      {mode === "reply" && (
        <CommentForm
          essayPath={essayPath}
          parentId={comment.id}
          label={`Your reply to ${tombstone ? "this comment" : comment.authorName}`}
          replyTo={tombstone ? undefined : comment.authorName}
          submitLabel="Post reply"
          onCancel={() => setMode("read")}
          autoFocus
        />
      )}
      {mode === "delta" && <DeltaForm commentId={comment.id} authorName={comment.authorName} onCancel={() => setMode("read")} />}
      {mode === "retract" && <RetractForm commentId={comment.id} retracted={Boolean(retraction)} onCancel={() => setMode("read")} />}
      {mode === "delete" && <DeleteForm commentId={comment.id} hasReplies={replyCount > 0} onCancel={() => setMode("read")} />}
    </article>
  );
}

/** The edit form needs the Markdown source, which the static page does not carry: fetch it. */
function EditLoader({ commentId, essayPath, onCancel }: { commentId: number; essayPath: string; onCancel: () => void }) {
  const [source, setSource] = useState<string | undefined>(undefined);
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    const controller = new AbortController();
    fetch(`/api/comments/${commentId}/source`, { cache: "no-store", signal: controller.signal })
      .then((response) => (response.ok ? response.json() : Promise.reject(new Error(String(response.status)))))
      .then((data: { body: string }) => setSource(data.body))
      .catch((error: Error) => {
        if (error.name !== "AbortError") setFailed(true);
      });
    return () => controller.abort();
  }, [commentId]);
  if (failed) {
    return (
      <p className="form-error" role="alert">
        Your comment could not be loaded for editing. <a href={`/comments/${commentId}/edit`}>Edit it on its own page</a>.
      </p>
    );
  }
  if (source === undefined) return <p className="hint">Loading your comment…</p>;
  return (
    <CommentForm
      essayPath={essayPath}
      edit={{ commentId, body: source }}
      label="Edit your comment"
      submitLabel="Save changes"
      onCancel={onCancel}
      autoFocus
    />
  );
}
