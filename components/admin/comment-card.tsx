import type { ModerationCommentRow } from "@/db/queries/moderation-lists";
import { commentPermalink } from "@/lib/comments/permalink";
import { AdminTime } from "./admin-time";
import { BanUserForm, CommentButtonForm, HideCommentForm, UnbanUserForm } from "./moderation-forms";

const STATUS_LABELS: Record<ModerationCommentRow["status"], string> = {
  published: "Published",
  pending: "Waiting for approval",
  hidden: "Hidden",
  deleted: "Deleted by its author",
};

export type CommentCardProps = {
  comment: ModerationCommentRow;
  essayTitle: string;
  /** The moderator viewing: no ban form on their own comments. */
  viewerId: string;
  returnTo: string;
  /** Heading level inside the list (report cards nest the comment one level lower). */
  headingLevel?: 3 | 4;
};

/** One comment as moderators see it: its text whatever its state, where it is, and what can be done. */
export function CommentCard({ comment, essayTitle, viewerId, returnTo, headingLevel = 3 }: CommentCardProps) {
  const Heading = `h${headingLevel}` as const;
  const headingId = `admin-comment-${comment.id}${headingLevel === 4 ? "-reported" : ""}`;
  const subject = `comment ${comment.id} by ${comment.authorName}`;
  return (
    <article className="admin-card" aria-labelledby={headingId}>
      <Heading id={headingId} className="admin-card-title">
        {comment.authorName} on <a href={commentPermalink(comment.id)}>{essayTitle}</a>
      </Heading>
      <p className="admin-card-meta">
        <AdminTime date={comment.createdAt} />
        <span className={`admin-badge admin-badge-${comment.status}`}>{STATUS_LABELS[comment.status]}</span>
        {comment.openReports > 0 && (
          <span className="admin-badge admin-badge-reported">
            {comment.openReports} open {comment.openReports === 1 ? "report" : "reports"}
          </span>
        )}
        {comment.authorBanned && <span className="admin-badge admin-badge-banned">Author banned</span>}
        {comment.editedAt && <span>edited</span>}
      </p>
      {comment.moderationReason && <p className="admin-reason">Hidden because: {comment.moderationReason}</p>}
      {/* Sanitized when it was written (lib/comments/render-markdown.ts). */}
      <div className="comment-body admin-comment-body" dangerouslySetInnerHTML={{ __html: comment.bodyHtml }} />
      <div className="admin-actions">
        {comment.status === "pending" && <CommentButtonForm kind="approve" commentId={comment.id} subject={subject} returnTo={returnTo} />}
        {comment.status === "hidden" && <CommentButtonForm kind="restore" commentId={comment.id} subject={subject} returnTo={returnTo} />}
        {(comment.status === "published" || comment.status === "pending") && (
          <HideCommentForm commentId={comment.id} subject={subject} returnTo={returnTo} />
        )}
        {comment.authorId !== null && comment.authorId !== viewerId && !comment.authorBanned && (
          <BanUserForm userId={comment.authorId} userName={comment.authorName} formKey={`${headingId}`} returnTo={returnTo} />
        )}
        {comment.authorId !== null && comment.authorBanned && (
          <UnbanUserForm userId={comment.authorId} userName={comment.authorName} returnTo={returnTo} />
        )}
      </div>
    </article>
  );
}
