import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackToComment } from "@/components/comments/back-to-comment";
import { RestatementAnswerForm } from "@/components/comments/restatement-answer-form";
import { getCachedThread } from "@/lib/comments/cached-queries";
import { loadCommentPage } from "@/lib/comments/comment-page-data";

export const metadata: Metadata = { title: "Was your view restated fairly?", robots: { index: false } };

/**
 * Answering a restatement of one's view without JavaScript (decision 041). Only the person whose
 * view was restated gets the page; anyone else is answered as if it did not exist.
 */
export default async function RestatementPage({ params }: { params: Promise<{ id: string }> }) {
  const { userId, comment, essay } = await loadCommentPage((await params).id, "restatement");
  const rows = await getCachedThread(essay.path);
  const reply = rows.find((row) => row.id === comment.id);
  const answered = reply?.parentId != null ? rows.find((row) => row.id === reply.parentId) : undefined;
  const restatement = reply?.disagreement?.restatement;
  if (!reply || !answered || !restatement || answered.authorId !== userId) notFound();
  const answer = reply.disagreement?.answer;
  return (
    <div className="narrow">
      <BackToComment essay={essay} commentId={comment.id} />
      <h1 className="page-title">Was your view restated fairly?</h1>
      <p>{`${reply.authorName} disagrees with you, and first restated your view:`}</p>
      <blockquote className="restatement-text">
        <p>{`You’re saying that ${restatement}`}</p>
      </blockquote>
      {answer ? (
        <p className="comments-closed">
          {answer.verdict === "confirmed" ? "You answered: “Yes, that’s my view.”" : `You answered: “Not quite.” ${answer.correction ?? ""}`}
        </p>
      ) : (
        <RestatementAnswerForm commentId={comment.id} />
      )}
    </div>
  );
}
