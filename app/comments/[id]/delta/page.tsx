import type { Metadata } from "next";
import { BackToComment } from "@/components/comments/back-to-comment";
import { DeltaForm } from "@/components/comments/delta-form";
import { DeltaNotes } from "@/components/comments/delta-notes";
import { getCachedThread } from "@/lib/comments/cached-queries";
import { loadCommentPage } from "@/lib/comments/comment-page-data";

export const metadata: Metadata = { title: "Award a Δ", robots: { index: false } };

/** Awarding a Δ "changed my mind" without JavaScript (issue 14): the comment, its Δs, and the form. */
export default async function DeltaPage({ params }: { params: Promise<{ id: string }> }) {
  const { userId, comment, essay } = await loadCommentPage((await params).id, "delta");
  // The thread's cached rows hold the comment as readers see it: its author's public name and its Δs.
  const shown = (await getCachedThread(essay.path)).find((row) => row.id === comment.id);
  const visible = shown !== undefined && shown.bodyHtml !== null;
  const refusal = !visible
    ? "This comment was removed, so it cannot receive a Δ."
    : comment.authorId === userId
      ? "This is your own comment: a Δ is for someone else’s comment that changed your mind."
      : comment.authorId === null
        ? "This comment’s author has left the site, so there is nobody to award a Δ to."
        : comment.retractedAt !== null
          ? "Its author has retracted this comment, so it cannot receive a Δ."
          : undefined;
  return (
    <div className="narrow">
      <BackToComment essay={essay} commentId={comment.id} />
      <h1 className="page-title">Award a Δ</h1>
      {visible && (
        <figure className="quoted-comment-figure">
          <figcaption>{`${shown.authorName} wrote:`}</figcaption>
          <blockquote className="quoted-comment">
            <div className="comment-body" dangerouslySetInnerHTML={{ __html: shown.bodyHtml ?? "" }} />
          </blockquote>
        </figure>
      )}
      {visible && shown.deltas && <DeltaNotes deltas={shown.deltas} />}
      {refusal ? <p className="comments-closed">{refusal}</p> : <DeltaForm commentId={comment.id} authorName={shown?.authorName ?? "its author"} />}
    </div>
  );
}
