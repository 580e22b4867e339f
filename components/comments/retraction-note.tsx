import type { ThreadRow } from "@/lib/comments/cached-queries";
import { exactTime } from "@/lib/comments/time-format";

/**
 * What a retracted comment says above its crossed-out text (issue 14): that its author
 * retracted it, when, their note, and the comment that changed their mind. The permalink finds
 * that comment on whichever page of the thread it is.
 */
export function RetractionNote({ retraction }: { retraction: NonNullable<ThreadRow["retraction"]> }) {
  return (
    <div className="retraction">
      <p className="retraction-label">
        <strong>Retracted by its author</strong> <span className="retraction-when">{`on ${exactTime(retraction.at)}`}</span>
      </p>
      {retraction.note && <p className="retraction-note">{retraction.note}</p>}
      {retraction.causeId !== null && (
        <p className="retraction-cause">
          <a href={`/comments/${retraction.causeId}`}>The comment that changed their mind</a>
        </p>
      )}
    </div>
  );
}
