import { countVisibleComments } from "@/lib/comments/build-tree";
import { getCachedThread, getCachedThreadLocked } from "@/lib/comments/cached-queries";
import type { Essay } from "@/lib/content/essays";
import { CommentForm } from "./comment-form";
import { CommentThread } from "./comment-thread";
import { ModeratorThreadTools } from "./moderator-thread-tools";
import { NewCommentGate } from "./new-comment-gate";

/**
 * The conversation under an essay: part of the essay's static HTML (one query for the
 * whole thread, cached until a comment changes it), so it reads without JavaScript.
 */
export async function CommentSection({ essay }: { essay: Essay }) {
  if (essay.comments === "hidden") return null;
  const [rows, locked] = await Promise.all([getCachedThread(essay.path), getCachedThreadLocked(essay.path)]);
  const count = countVisibleComments(rows);
  const open = essay.comments === "open" && !locked;
  return (
    <section id="comments" className="comments" aria-labelledby="comments-title">
      <h2 id="comments-title">
        {count === 0 ? "Comments" : `${count.toLocaleString("en-US")} ${count === 1 ? "comment" : "comments"}`}
      </h2>
      <ModeratorThreadTools essayPath={essay.path} locked={locked} />
      <CommentThread rows={rows} essayPath={essay.path} open={open} />
      {open ? (
        <NewCommentGate signInHref={`/sign-in?callbackUrl=${encodeURIComponent(`${essay.path}#comments`)}`}>
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
