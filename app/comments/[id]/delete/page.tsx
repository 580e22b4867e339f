import type { Metadata } from "next";
import { BackToComment } from "@/components/comments/back-to-comment";
import { DeleteForm } from "@/components/comments/delete-form";
import { loadOwnCommentPage } from "@/lib/comments/comment-page-data";

export const metadata: Metadata = { title: "Delete your comment", robots: { index: false } };

export default async function DeletePage({ params }: { params: Promise<{ id: string }> }) {
  const { comment, essay } = await loadOwnCommentPage((await params).id, "delete");
  return (
    <div className="narrow">
      <BackToComment essay={essay} commentId={comment.id} />
      <h1 className="page-title">Delete your comment</h1>
      <DeleteForm commentId={comment.id} />
    </div>
  );
}
