import type { ModerationAction } from "@/db/queries/moderation";
import type { ModerationLogRow } from "@/db/queries/moderation-lists";
import { commentPermalink } from "@/lib/comments/permalink";
import { AdminTime } from "./admin-time";

const COMMENT_ACTIONS: Partial<Record<ModerationAction, string>> = {
  hide: "hid",
  restore: "restored",
  approve: "approved",
  "resolve-report": "resolved a report on",
  "reattach-passage": "re-attached the passage of",
};

/** One entry in words: "hid comment 12 by Ada on “Essay”", "banned Ada", "locked the thread of “Essay”". */
function Description({ entry, essayTitle }: { entry: ModerationLogRow; essayTitle?: string }) {
  const person = entry.targetUserName ?? "a reader whose account is gone";
  const essay = entry.essayPath ? (
    <a href={entry.commentId ? commentPermalink(entry.commentId) : entry.essayPath}>{essayTitle ?? entry.essayPath}</a>
  ) : null;
  const verb = COMMENT_ACTIONS[entry.action];
  if (verb) {
    return (
      <>
        {verb} comment {entry.commentId ?? "(gone)"} {entry.targetUserName ? <>by {person} </> : null}
        {essay && <>on {essay}</>}
      </>
    );
  }
  switch (entry.action) {
    case "lock":
      return <>locked the thread of {essay}</>;
    case "unlock":
      return <>unlocked the thread of {essay}</>;
    case "ban":
      return <>banned {person}</>;
    case "unban":
      return <>lifted the ban on {person}</>;
    case "remove-delta":
      return (
        <>
          removed a Δ given by {person} on comment {entry.commentId ?? "(gone)"} {essay && <>on {essay}</>}
        </>
      );
    default:
      return <>{entry.action}</>;
  }
}

/** The log, newest first: who did what to which comment, thread or reader, and why. */
export function ModerationLogList({ entries, essayTitles }: { entries: ModerationLogRow[]; essayTitles: ReadonlyMap<string, string> }) {
  return (
    <ol className="admin-log">
      {entries.map((entry) => (
        <li key={entry.id}>
          <p className="admin-log-line">
            <AdminTime date={entry.createdAt} /> <strong>{entry.actorName}</strong>{" "}
            <Description entry={entry} essayTitle={entry.essayPath ? essayTitles.get(entry.essayPath) : undefined} />
          </p>
          {entry.reason && <p className="admin-reason">{entry.reason}</p>}
        </li>
      ))}
    </ol>
  );
}
