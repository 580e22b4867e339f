import type { Metadata } from "next";
import { BackToComment } from "@/components/comments/back-to-comment";
import { exactTime } from "@/lib/comments/time-format";
import { RetractForm } from "@/components/comments/retract-form";
import { getRetractionHistory } from "@/db/queries/retractions";
import { loadOwnCommentPage } from "@/lib/comments/comment-page-data";

export const metadata: Metadata = { title: "Retract your comment", robots: { index: false } };

/** Retracting one's comment, or undoing it, without JavaScript; with its history of both. */
export default async function RetractPage({ params }: { params: Promise<{ id: string }> }) {
  const { comment, essay } = await loadOwnCommentPage((await params).id, "retract");
  const history = await getRetractionHistory({ commentId: comment.id });
  const retracted = comment.retractedAt !== null;
  return (
    <div className="narrow">
      <BackToComment essay={essay} commentId={comment.id} />
      <h1 className="page-title">{retracted ? "Undo your retraction" : "Retract your comment"}</h1>
      {comment.status === "published" ? (
        <RetractForm commentId={comment.id} retracted={retracted} />
      ) : (
        <p className="hint">A moderator has removed this comment, so it cannot be retracted.</p>
      )}
      {history.length > 0 && (
        <section aria-labelledby="retraction-history">
          <h2 id="retraction-history">History</h2>
          <ol className="retraction-history">
            {history.map((entry, index) => (
              <li key={index}>
                {`${entry.action === "retract" ? "Retracted" : "Retraction undone"} on ${exactTime(entry.at.toISOString())}`}
                {entry.note && `: “${entry.note}”`}
              </li>
            ))}
          </ol>
        </section>
      )}
    </div>
  );
}
