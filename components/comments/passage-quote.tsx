import { blockAnchor, revisionHref } from "@/lib/anchors/respond-href";
import type { ThreadRow } from "@/lib/comments/cached-queries";

type Props = { passage: NonNullable<ThreadRow["passage"]>; essayPath: string };

// Browsers that support text fragments scroll to and mark the words; the others open the essay at
// the block (the address's element id), so the link lands on the passage either way.
const textFragment = (exact: string) => `:~:text=${encodeURIComponent(exact.length > 200 ? exact.slice(0, 200).replace(/\s+\S*$/, "") : exact)}`;

/**
 * Above a comment that responds to a passage (issue 15, decision 045): the words it responds to, as
 * they were when it was written, and a link to them in the essay. When the essay was revised since,
 * the words are still shown as they were, with a link to the version they were written on.
 */
export function PassageQuote({ passage, essayPath }: Props) {
  const atBlock = passage.blockId ? `#${blockAnchor(passage.blockId)}` : "#";
  const original = `${revisionHref(essayPath, passage.revisionId)}#${blockAnchor(passage.writtenBlockId)}${textFragment(passage.exact)}`;
  return (
    <figure className="comment-passage">
      <blockquote>
        <p>{passage.exact}</p>
      </blockquote>
      <figcaption>
        {passage.placement === "anchored" && <a href={`${essayPath}${atBlock}${textFragment(passage.exact)}`}>Responding to this passage of the essay</a>}
        {passage.placement === "changed" && (
          <>
            Responding to a passage the essay <a href={`${essayPath}${atBlock}`}>revised after this comment</a> · <a href={original}>the version it answered</a>
          </>
        )}
        {passage.placement === "orphaned" && (
          <>
            Responding to a passage of <a href={original}>an earlier version of the essay</a>
          </>
        )}
      </figcaption>
    </figure>
  );
}
