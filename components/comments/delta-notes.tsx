import type { ThreadRow } from "@/lib/comments/cached-queries";
import { exactTime } from "@/lib/comments/time-format";

/**
 * The Δs a comment received (issue 14): "Δ changed Ada's mind: …" with what changed, oldest
 * first; a Δ a moderator removed shows the moderator's public reason instead of its words.
 */
export function DeltaNotes({ deltas }: { deltas: NonNullable<ThreadRow["deltas"]> }) {
  return (
    <ul className="deltas" aria-label="Minds this comment changed">
      {deltas.map((delta) =>
        delta.explanation !== null ? (
          <li key={delta.id} id={`delta-${delta.id}`} className="delta">
            <p className="delta-label">
              <span className="delta-mark" aria-hidden="true">
                Δ
              </span>{" "}
              <strong>{`changed ${delta.giverName}’s mind`}</strong>
              <span className="visually-hidden">:</span> <span className="delta-when">{exactTime(delta.at)}</span>
            </p>
            <p className="delta-explanation">{delta.explanation}</p>
          </li>
        ) : (
          <li key={delta.id} id={`delta-${delta.id}`} className="delta delta-removed">
            <p>{`A moderator removed a Δ here: ${delta.removalReason ?? "no reason given"}`}</p>
          </li>
        ),
      )}
    </ul>
  );
}
