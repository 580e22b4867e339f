import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { DeleteForm } from "@/components/comments/delete-form";
import { loadCommentPage } from "@/lib/comments/comment-page-data";

export const metadata: Metadata = { title: "Delete your comment", robots: { index: false } };

export default async function DeletePage({ params }: { params: Promise<{ id: string }> }) {
  const { userId, comment, essay } = await loadCommentPage((await params).id, "delete");
  if (comment.authorId !== userId || comment.deletedAt) notFound();
  return (
    <div className="narrow">
      <p className="kicker-link">
        <a href={`${essay.path}#comment-${comment.id}`}>← Back to “{essay.title}”</a>
      </p>
      <h1 className="page-title">Delete your comment</h1>
      <DeleteForm commentId={comment.id} />
    </div>
  );
}
