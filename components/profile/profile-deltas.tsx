import type { DeltaListing } from "@/db/queries/deltas";
import { commentPermalink } from "@/lib/comments/permalink";
import { getEssayByPath } from "@/lib/content/essays";

type Props = { given: DeltaListing[]; received: DeltaListing[] };

function DeltaItems({ deltas, who }: { deltas: DeltaListing[]; who: (delta: DeltaListing) => string }) {
  return (
    <ul className="delta-list">
      {deltas.map((delta) => (
        <li key={delta.id}>
          <p className="delta-label">
            <span className="delta-mark" aria-hidden="true">
              Δ
            </span>{" "}
            {who(delta)} on <a href={commentPermalink(delta.commentId)}>{`“${getEssayByPath(delta.essayPath)?.title ?? delta.essayPath}”`}</a>
          </p>
          <p className="delta-explanation">{delta.explanation}</p>
        </li>
      ))}
    </ul>
  );
}

/** The reader's Δs "changed my mind" (issue 14): those their comments received, and those they gave. */
export function ProfileDeltas({ given, received }: Props) {
  return (
    <section aria-labelledby="deltas-title">
      <h2 id="deltas-title" className="section-title">
        Minds changed
      </h2>
      <h3 className="profile-subtitle">{`Δ received (${received.length})`}</h3>
      {received.length === 0 ? (
        <p className="hint">No reader has said yet that a comment of yours changed their mind.</p>
      ) : (
        <DeltaItems deltas={received} who={(delta) => `Your comment changed ${delta.giverName}’s mind`} />
      )}
      <h3 className="profile-subtitle">{`Δ given (${given.length})`}</h3>
      {given.length === 0 ? (
        <p className="hint">You have not awarded a Δ. When a comment changes your mind, “Changed my mind” under it says so.</p>
      ) : (
        <DeltaItems deltas={given} who={(delta) => `${delta.recipientName} changed your mind`} />
      )}
    </section>
  );
}
