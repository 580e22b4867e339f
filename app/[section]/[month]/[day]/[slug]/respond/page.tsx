import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { auth } from "@/auth";
import { CommentForm } from "@/components/comments/comment-form";
import { currentRevision } from "@/lib/anchors/essay-revision";
import { passageFromSelection, SELECTION_MESSAGES, type Passage } from "@/lib/anchors/selection";
import { rangeOfSentences, sentencesOf } from "@/lib/anchors/sentences";
import { pathFromParams, type EssayParams } from "@/lib/content/essay-params";
import { getEssayByPath } from "@/lib/content/essays";
import { respondHref, type RespondQuery } from "@/lib/anchors/respond-href";
import { allParams, firstParam, type SearchParams } from "@/lib/search-params";

type Props = { params: Promise<EssayParams>; searchParams: Promise<SearchParams> };

// Respond to a passage (issue 15): where a selection in the essay leads (with JavaScript), and the
// page a paragraph's "Respond" link opens (without): the paragraph's sentences to tick, then the
// passage quoted above the comment form. Per request: it reads the session and the revision.
export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Respond to a passage", robots: { index: false } };

const whole = (value: string | undefined) => (value !== undefined && /^\d{1,7}$/.test(value) ? Number(value) : undefined);

export default async function RespondPage({ params, searchParams }: Props) {
  const essay = getEssayByPath(pathFromParams(await params));
  if (!essay || essay.comments === "hidden") notFound();
  const query = await searchParams;
  const ticks = allParams(query.s).map((value) => whole(value) ?? -1);
  const asked: RespondQuery = {
    block: firstParam(query.block) ?? "",
    revision: firstParam(query.revision),
    start: whole(firstParam(query.start)),
    end: whole(firstParam(query.end)),
    endBlock: firstParam(query.endBlock),
    sentences: ticks,
  };
  // Signed out: sign in first and come back to this very choice.
  if (!(await auth())?.user?.id) redirect(`/sign-in?callbackUrl=${encodeURIComponent(respondHref(essay.path, asked))}`);

  const revision = await currentRevision(essay);
  const block = revision.blocks.find((candidate) => candidate.id === asked.block);
  const back = (
    <p className="kicker-link">
      <a href={essay.path}>← Back to “{essay.title}”</a>
    </p>
  );
  if (!block) {
    return (
      <div className="narrow">
        {back}
        <h1 className="page-title">Respond to a passage</h1>
        <p className="form-error" role="alert">
          That paragraph is not in the current version of the essay: it was revised since the link was made. Go back to
          the essay and choose the passage again.
        </p>
      </div>
    );
  }

  const sentences = sentencesOf(block.text, block.kind === "code" ? "code" : "prose");
  let problem: string | undefined;
  let passage: Passage | undefined;
  // A selection made on a page of another revision has offsets into other text: choose again here.
  const stale = asked.revision !== undefined && asked.revision !== revision.id;
  if (asked.start !== undefined && asked.end !== undefined && !stale) {
    const chosen = passageFromSelection(revision.blocks, { startBlock: block.id, startOffset: asked.start, endBlock: asked.endBlock ?? block.id, endOffset: asked.end });
    if ("problem" in chosen) problem = SELECTION_MESSAGES[chosen.problem];
    else passage = chosen;
  } else if (stale) {
    problem = "The essay was revised since you loaded it, so your selection may have moved. Tick the sentences you respond to.";
  } else if (ticks.length > 0 || firstParam(query.choose) !== undefined) {
    const range = rangeOfSentences(sentences, ticks);
    const chosen = range && passageFromSelection(revision.blocks, { startBlock: block.id, startOffset: range.start, endBlock: block.id, endOffset: range.end });
    if (!chosen) problem = "Tick at least one of the paragraph’s sentences.";
    else if ("problem" in chosen) problem = SELECTION_MESSAGES[chosen.problem];
    else passage = chosen;
  } else if (sentences.length === 1) {
    const only = passageFromSelection(revision.blocks, { startBlock: block.id, startOffset: 0, endBlock: block.id, endOffset: block.text.length });
    if (!("problem" in only)) passage = only;
  }
  const ticked = (index: number) => {
    const sentence = sentences[index]!;
    return passage !== undefined && sentence.start < passage.end && sentence.end > passage.start;
  };

  return (
    <div className="narrow">
      {back}
      <h1 className="page-title">Respond to a passage</h1>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      <form method="get" action={`${essay.path}/respond`} className="passage-chooser">
        <input type="hidden" name="block" value={block.id} />
        <input type="hidden" name="choose" value="1" />
        <fieldset>
          <legend>{block.kind === "code" ? "Tick the lines you respond to" : "Tick the sentences you respond to"}</legend>
          <p className="hint">The passage runs from the first one you tick to the last, at most 1,000 characters.</p>
          {sentences.map((sentence, index) => (
            <label key={`${index}-${passage?.start}-${passage?.end}`} className="checkbox-label passage-sentence">
              <input type="checkbox" name="s" value={index} defaultChecked={ticked(index)} /> {sentence.text}
            </label>
          ))}
        </fieldset>
        <button type="submit" className="button button-secondary">
          Choose this passage
        </button>
      </form>
      {passage && (
        <section className="respond-to-passage" aria-labelledby="respond-heading">
          <h2 id="respond-heading">Your response</h2>
          <figure className="comment-passage">
            <blockquote>
              <p>{passage.exact}</p>
            </blockquote>
            {passage.clipped && <figcaption>Your selection went on into the next paragraph; a response answers one paragraph, so the passage ends with this one.</figcaption>}
          </figure>
          {essay.comments === "open" ? (
            <CommentForm
              essayPath={essay.path}
              passage={{ revisionId: revision.id, blockId: passage.block, start: passage.start, end: passage.end, exact: passage.exact }}
              label="Your response to this passage"
              submitLabel="Post response"
            />
          ) : (
            <p className="comments-closed">Comments on this essay are closed.</p>
          )}
        </section>
      )}
    </div>
  );
}
