import type { OrphanListing } from "@/db/queries/passages";
import { revisionHref } from "@/lib/anchors/respond-href";
import { commentPermalink } from "@/lib/comments/permalink";

const excerpt = (text: string) => (text.length > 140 ? `${text.slice(0, 140).replace(/\s+\S*$/, "")} …` : text);

/**
 * Responses whose passage the essay no longer has (issue 15): each quote as its reader wrote it, the
 * version it was written on, and the paragraph readers now see it beside ("responses to earlier
 * versions"). For the writer, to see what their edits left behind.
 */
export function OrphanList({ orphans, essayTitles }: { orphans: OrphanListing[]; essayTitles: ReadonlyMap<string, string> }) {
  return (
    <ul className="admin-list">
      {orphans.map((orphan) => (
        <li key={orphan.commentId}>
          <article className="admin-card" aria-label={`Orphaned passage of comment ${orphan.commentId}`}>
            <p className="admin-card-meta">
              <a href={commentPermalink(orphan.commentId)}>Comment {orphan.commentId}</a> on {essayTitles.get(orphan.essayPath) ?? orphan.essayPath}, written on{" "}
              <a href={revisionHref(orphan.essayPath, orphan.revisionId)}>an earlier version</a>
            </p>
            <blockquote className="admin-quote">{orphan.exact}</blockquote>
            <p>{orphan.nearBlockText ? <>Shown beside: “{excerpt(orphan.nearBlockText)}”</> : "Shown at the end of the essay."}</p>
          </article>
        </li>
      ))}
    </ul>
  );
}
