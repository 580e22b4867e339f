/**
 * Edit, Retract and Delete for a browser without JavaScript (decision 033): in every comment's HTML,
 * inside <noscript> and hidden by the site's CSS; /api/me/no-script.css shows them on the
 * reader's own comments only. The pages they lead to check ownership again.
 */
export function NoScriptOwnLinks({ commentId, authorId, retracted }: { commentId: number; authorId: string | null; retracted: boolean }) {
  if (!authorId) return null;
  return (
    <noscript data-own-links="">
      <span className="nojs-own" data-author={authorId}>
        {!retracted && (
          <a href={`/comments/${commentId}/edit`}>
            Edit<span className="visually-hidden"> your comment</span>
          </a>
        )}
        <a href={`/comments/${commentId}/retract`}>
          {retracted ? "Undo retraction" : "Retract"}
          <span className="visually-hidden">{retracted ? " of your comment" : " your comment"}</span>
        </a>
        <a href={`/comments/${commentId}/delete`}>
          Delete<span className="visually-hidden"> your comment</span>
        </a>
      </span>
    </noscript>
  );
}
