import type { Metadata } from "next";
import { BackToComment } from "@/components/comments/back-to-comment";
import { CommentForm } from "@/components/comments/comment-form";
import { loadOwnCommentPage } from "@/lib/comments/comment-page-data";

export const metadata: Metadata = { title: "Edit your comment", robots: { index: false } };

export default async function EditPage({ params }: { params: Promise<{ id: string }> }) {
  const { comment, essay } = await loadOwnCommentPage((await params).id, "edit");
  return (
    <div className="narrow">
      <BackToComment essay={essay} commentId={comment.id} />
      <h1 className="page-title">Edit your comment</h1>
      {comment.retractedAt ? (
        <p className="hint">
          You retracted this comment, so it stays as it was. <a href={`/comments/${comment.id}/retract`}>Undo the retraction</a> to edit it.
        </p>
      ) : (
        <>
          <p className="hint">Readers see that it was edited, and when. Earlier versions are kept.</p>
          <CommentForm essayPath={essay.path} edit={{ commentId: comment.id, body: comment.body }} label="Your comment" submitLabel="Save changes" />
        </>
      )}
    </div>
  );
}
