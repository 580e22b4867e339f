import type { DeltaListing } from "@/db/queries/deltas";
import { commentPermalink } from "@/lib/comments/permalink";
import { AdminTime } from "./admin-time";
import { RemoveDeltaForm } from "./moderation-forms";

/** Every Δ, newest first: who gave it to whom and why; an abusive one can be removed with a public reason. */
export function DeltaList({ deltas, essayTitles, returnTo }: { deltas: DeltaListing[]; essayTitles: ReadonlyMap<string, string>; returnTo: string }) {
  return (
    <ul className="admin-list">
      {deltas.map((delta) => (
        <li key={delta.id}>
          <article className="admin-card" aria-label={`Δ from ${delta.giverName} to ${delta.recipientName}`}>
            <p className="admin-card-meta">
              <AdminTime date={delta.createdAt} /> <strong>{delta.giverName}</strong> to <strong>{delta.recipientName}</strong> on{" "}
              <a href={commentPermalink(delta.commentId)}>{essayTitles.get(delta.essayPath) ?? delta.essayPath}</a>
            </p>
            <blockquote className="admin-quote">{delta.explanation}</blockquote>
            {delta.removal ? (
              <p>
                Removed <AdminTime date={delta.removal.at} />: {delta.removal.reason}
              </p>
            ) : (
              <RemoveDeltaForm deltaId={delta.id} subject={`the Δ from ${delta.giverName}`} returnTo={returnTo} />
            )}
          </article>
        </li>
      ))}
    </ul>
  );
}
