import type { Essay } from "@/lib/content/essays";
import { compactRows } from "@/lib/comments/compact-rows";
import { mindsChangedHref } from "@/lib/comments/minds-changed";
import { threadPageHref } from "@/lib/comments/pagination";
import type { ThreadPage } from "@/lib/comments/thread-page";
import { CommentForm } from "./comment-form";
import { CommentThread } from "./comment-thread";
import { ModeratorThreadTools } from "./moderator-thread-tools";
import { NewCommentGate } from "./new-comment-gate";
import { ThreadOrderLinks, ThreadPagination } from "./thread-navigation";

/**
 * One page of the conversation under an essay: part of the page's static HTML (one cached
 * query for the whole thread, until a comment changes it), so it reads without JavaScript.
 * The first page is under the essay; the others have addresses of their own (decision 016).
 */
export function CommentSection({ essay, thread }: { essay: Essay; thread: ThreadPage }) {
  const { at, count, pageCount, locked } = thread;
  const open = essay.comments === "open" && !locked;
  // A reader's own comment waiting for approval joins the page where a new conversation appears.
  const newConversationsHere = at.order === "oldest" ? at.page === pageCount : at.page === 1;
  return (
    <section id="comments" className="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">
        {count === 0 ? "Comments" : `${count.toLocaleString("en-US")} ${count === 1 ? "comment" : "comments"}`}
      </h2>
      {(thread.mindsChanged > 0 || thread.restatements.restated > 0) && (
        <p className="minds-changed">
          {thread.mindsChanged > 0 && (
            <a href={mindsChangedHref(essay.path)}>
              <span aria-hidden="true">Δ </span>
              {`${thread.mindsChanged} ${thread.mindsChanged === 1 ? "mind" : "minds"} changed here`}
            </a>
          )}
          {thread.mindsChanged > 0 && thread.restatements.restated > 0 && " · "}
          {thread.restatements.restated > 0 && (
            <span className="restatement-share">{restatementShare(thread.restatements)}</span>
          )}
        </p>
      )}
      <noscript>
        <link rel="stylesheet" href={`/api/me/votes.css?essay=${encodeURIComponent(essay.path)}`} />
      </noscript>
      <ModeratorThreadTools essayPath={essay.path} locked={locked} />
      {count > 1 && <ThreadOrderLinks essayPath={essay.path} at={at} />}
      <CommentThread rows={compactRows(thread.rows)} essayPath={essay.path} pagePath={threadPageHref(essay.path, at)} open={open} order={at.order} newConversationsHere={newConversationsHere} />
      <ThreadPagination essayPath={essay.path} at={at} pageCount={pageCount} />
      {open ? (
        <NewCommentGate signInHref={`/sign-in?callbackUrl=${encodeURIComponent(`${threadPageHref(essay.path, at)}#comments`)}`}>
          <CommentForm essayPath={essay.path} label="Join the conversation" submitLabel="Post comment" />
        </NewCommentGate>
      ) : locked && essay.comments === "open" ? (
        <p className="comments-closed">A moderator has locked this conversation: no new comments or replies for now.</p>
      ) : (
        <p className="comments-closed">
          Comments on this essay are closed. <a href="/">Read other essays</a>.
        </p>
      )}
    </section>
  );
}

/** "3 of 4 restatements of a view confirmed by its author (75 %)": disagreement that listened first. */
function restatementShare({ restated, confirmed }: { restated: number; confirmed: number }): string {
  const share = Math.round((confirmed / restated) * 100);
  return `${confirmed} of ${restated} ${restated === 1 ? "restatement" : "restatements"} of a view confirmed by its author (${share} %)`;
}
