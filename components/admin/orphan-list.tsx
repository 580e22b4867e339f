import type { OrphanListing } from "@/db/queries/passages";
import { revisionHref } from "@/lib/anchors/respond-href";
import { commentPermalink } from "@/lib/comments/permalink";
import { excerpt } from "@/lib/excerpt";
import { ReattachPassageForm } from "./moderation-forms";


/**
 * Responses whose passage the essay no longer has (issue 15): each quote as its reader wrote it, the
 * version it was written on, and the paragraph readers now see it beside ("responses to earlier
 * versions"). For the writer, to see what their edits left behind and re-attach it by hand (logged).
 */
export function OrphanList({ orphans, essayTitles, returnTo }: { orphans: OrphanListing[]; essayTitles: ReadonlyMap<string, string>; returnTo: string }) {
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
            <p>{orphan.nearBlockText ? <>Shown beside: “{excerpt(orphan.nearBlockText, 140)}”</> : "Shown at the end of the essay."}</p>
            {orphan.blocks.length > 0 && <ReattachPassageForm commentId={orphan.commentId} blocks={orphan.blocks} nearBlockId={orphan.nearBlockId ?? undefined} returnTo={returnTo} />}
          </article>
        </li>
      ))}
    </ul>
  );
}
