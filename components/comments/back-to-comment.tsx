import { commentPermalink } from "@/lib/comments/permalink";

/** The way back from a comment's own page (reply, edit, delete) to its place in the thread. */
export function BackToComment({ essay, commentId }: { essay: { path: string; title: string }; commentId: number }) {
  return (
    <p className="kicker-link">
      <a href={commentPermalink(commentId)}>← Back to “{essay.title}”</a>
    </p>
  );
}
