import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CommentForm } from "@/components/comments/comment-form";
import { loadCommentPage } from "@/lib/comments/comment-page-data";

export const metadata: Metadata = { title: "Edit your comment", robots: { index: false } };

export default async function EditPage({ params }: { params: Promise<{ id: string }> }) {
  const { userId, comment, essay } = await loadCommentPage((await params).id, "edit");
  // Someone else's comment is answered like a missing one: no hint that it exists.
  if (comment.authorId !== userId || comment.deletedAt) notFound();
  return (
    <div className="narrow">
      <p className="kicker-link">
        <a href={`${essay.path}#comment-${comment.id}`}>← Back to “{essay.title}”</a>
      </p>
      <h1 className="page-title">Edit your comment</h1>
      <p className="hint">Readers see that it was edited, and when. Earlier versions are kept.</p>
      <CommentForm essayPath={essay.path} edit={{ commentId: comment.id, body: comment.body }} label="Your comment" submitLabel="Save changes" />
    </div>
  );
}
