import type { Metadata } from "next";
import { notFound } from "next/navigation";
import type { ReactNode } from "react";
import { findRevision } from "@/db/queries/passages";
import type { Block } from "@/lib/anchors/block-ids";
import { currentRevision } from "@/lib/anchors/essay-revision";
import { blockAnchor } from "@/lib/anchors/respond-href";
import { pathFromParams, type EssayParams } from "@/lib/content/essay-params";
import { getEssayByPath } from "@/lib/content/essays";
import { notFoundMetadata } from "@/lib/seo/not-found";

type Props = { params: Promise<EssayParams & { revision: string }> };

// An earlier version of an essay (issue 15): the text a response to a since-revised passage was
// written on, block by block as the database recorded it, so the response can be read in context.
// Plain text per block (the stored revision keeps the words, not the formatting). Per request: read
// rarely, by people following a "the version it answered" link.
export const dynamic = "force-dynamic";

async function resolve(params: Props["params"]) {
  const { revision: id, ...essayParams } = await params;
  const essay = getEssayByPath(pathFromParams(essayParams));
  if (!essay || essay.comments === "hidden" || !/^r[\w-]{1,64}$/.test(id)) return undefined;
  const revision = await findRevision(id);
  return revision && revision.essayPath === essay.path ? { essay, revision } : undefined;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await resolve(params);
  if (!found) return notFoundMetadata;
  return { title: `An earlier version of “${found.essay.title}”`, robots: { index: false }, alternates: { canonical: found.essay.path } };
}

export default async function RevisionPage({ params }: Props) {
  const found = await resolve(params);
  if (!found) notFound();
  const { essay, revision } = found;
  const current = (await currentRevision(essay)).id === revision.id;
  return (
    <article className="essay" aria-labelledby="essay-title">
      <header className="essay-header">
        <p className="kicker">{current ? "The current version" : "An earlier version"}</p>
        <h1 id="essay-title" className="essay-title">
          {essay.title}
        </h1>
        <p className="revision-notice">
          {current ? "This is the essay’s current text, as responses to its passages see it." : "The essay has been revised since. This is its text as it was when some responses were written, kept so that they can be read in context."}{" "}
          <a href={essay.path}>Read the essay as it is now</a>.
        </p>
      </header>
      <div className="prose">{blocksAsHtml(revision.blocks)}</div>
    </article>
  );
}

/** The blocks in order, consecutive list items in one list. */
function blocksAsHtml(blocks: readonly Block[]): ReactNode[] {
  const out: ReactNode[] = [];
  for (let index = 0; index < blocks.length; index += 1) {
    const block = blocks[index]!;
    const id = blockAnchor(block.id);
    if (block.kind === "list-item") {
      const items: Block[] = [];
      while (blocks[index]?.kind === "list-item") items.push(blocks[index++]!);
      index -= 1;
      out.push(
        <ul key={id}>
          {items.map((item) => (
            <li key={item.id} id={blockAnchor(item.id)}>
              {item.text}
            </li>
          ))}
        </ul>,
      );
    } else if (block.kind === "heading") out.push(<h2 key={id} id={id}>{block.text}</h2>);
    else if (block.kind === "blockquote") out.push(<blockquote key={id}><p id={id}>{block.text}</p></blockquote>);
    else if (block.kind === "code") out.push(<pre key={id} id={id}><code>{block.text}</code></pre>);
    else out.push(<p key={id} id={id}>{block.text}</p>);
  }
  return out;
}
