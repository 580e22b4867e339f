import type { Metadata } from "next";
import { BackToComment } from "@/components/comments/back-to-comment";
import { CommentForm } from "@/components/comments/comment-form";
import { getCachedThread } from "@/lib/comments/cached-queries";
import { loadCommentPage } from "@/lib/comments/comment-page-data";
import { renderCommentMarkdown } from "@/lib/comments/render-markdown";

export const metadata: Metadata = { title: "Reply", robots: { index: false } };

export default async function ReplyPage({ params }: { params: Promise<{ id: string }> }) {
  const { comment, essay } = await loadCommentPage((await params).id, "reply");
  const visible = !comment.deletedAt && comment.status === "published";
  // The name readers see, for "I disagree with …" (decision 041): the thread's cached row has it.
  const authorName = (await getCachedThread(essay.path)).find((row) => row.id === comment.id)?.authorName;
  return (
    <div className="narrow">
      <BackToComment essay={essay} commentId={comment.id} />
      <h1 className="page-title">Reply</h1>
      <blockquote className="quoted-comment">
        {visible ? (
          <div className="comment-body" dangerouslySetInnerHTML={{ __html: renderCommentMarkdown(comment.body) }} />
        ) : (
          <p>[This comment was removed.]</p>
        )}
      </blockquote>
      {!visible ? (
        // The thread no longer offers Reply under a removed comment; an old link gets no form either.
        <p className="comments-closed">A removed comment takes no new replies.</p>
      ) : essay.comments === "open" ? (
        <CommentForm essayPath={essay.path} parentId={comment.id} replyTo={authorName} label="Your reply" submitLabel="Post reply" />
      ) : (
        <p className="comments-closed">Comments on this essay are closed.</p>
      )}
    </div>
  );
}
