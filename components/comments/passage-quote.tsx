import type { ThreadRow } from "@/lib/comments/cached-queries";

type Props = { passage: NonNullable<ThreadRow["passage"]>; essayPath: string };

// Browsers that support text fragments scroll to and mark the words; others open the essay.
const textFragment = (exact: string) => `#:~:text=${encodeURIComponent(exact.length > 200 ? exact.slice(0, 200).replace(/\s+\S*$/, "") : exact)}`;

/**
 * Above a comment that responds to a passage (issue 15, decision 045): the words it responds to, as
 * they were when it was written, and a link to them in the essay. When the essay was revised since,
 * the words are still shown as they were, and said to be changed or gone.
 */
export function PassageQuote({ passage, essayPath }: Props) {
  return (
    <figure className="comment-passage">
      <blockquote>
        <p>{passage.exact}</p>
      </blockquote>
      <figcaption>
        {passage.placement === "anchored" && <a href={`${essayPath}${textFragment(passage.exact)}`}>Responding to this passage of the essay</a>}
        {passage.placement === "changed" && "Responding to a passage the essay revised after this comment"}
        {passage.placement === "orphaned" && "Responding to a passage of an earlier version of the essay"}
      </figcaption>
    </figure>
  );
}
