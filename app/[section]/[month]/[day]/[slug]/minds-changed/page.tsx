import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { getEssayDeltas } from "@/db/queries/deltas";
import { commentPermalink } from "@/lib/comments/permalink";
import { exactTime } from "@/lib/comments/time-format";
import { pathFromParams, type EssayParams } from "@/lib/content/essay-params";
import { getEssayByPath } from "@/lib/content/essays";
import { notFoundMetadata } from "@/lib/seo/not-found";

type Props = { params: Promise<EssayParams> };

// "N minds changed here" (issue 14): every Δ under one essay, oldest first. Rendered per request:
// a small list read rarely, always current (a Δ or a moderator's removal shows at once).
export const dynamic = "force-dynamic";

async function resolve(params: Props["params"]) {
  const essay = getEssayByPath(pathFromParams(await params));
  return essay && essay.comments !== "hidden" ? essay : undefined;
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const essay = await resolve(params);
  if (!essay) return notFoundMetadata;
  return { title: `Minds changed under “${essay.title}”`, description: `Readers who said a comment under “${essay.title}” changed their mind, and what changed.` };
}

export default async function MindsChangedPage({ params }: Props) {
  const essay = await resolve(params);
  if (!essay) notFound();
  const deltas = await getEssayDeltas({ essayPath: essay.path });
  const minds = new Set(deltas.filter((delta) => delta.removal === null).map((delta) => delta.giverId)).size;
  return (
    <div className="narrow">
      <p className="kicker-link">
        <a href={`${essay.path}#comments`}>← Back to “{essay.title}”</a>
      </p>
      <h1 className="page-title">Minds changed</h1>
      <p className="page-intro">
        {minds === 0
          ? `Nobody has yet said a comment under “${essay.title}” changed their mind.`
          : `${minds} ${minds === 1 ? "reader said a comment" : "readers said comments"} under “${essay.title}” changed their mind. A Δ is awarded by a reader who took part in the conversation, or by the essay’s author, with what changed.`}
      </p>
      {deltas.length > 0 && (
        <ol className="delta-list">
          {deltas.map((delta) => (
            <li key={delta.id} id={`delta-${delta.id}`}>
              {delta.removal ? (
                <p className="delta-removed">{`A moderator removed a Δ here: ${delta.removal.reason}`}</p>
              ) : (
                <>
                  <p className="delta-label">
                    <span className="delta-mark" aria-hidden="true">
                      Δ
                    </span>{" "}
                    <strong>{delta.giverName}</strong>
                    {" on "}
                    <a href={commentPermalink(delta.commentId)}>{`${delta.recipientName}’s comment`}</a>{" "}
                    <span className="delta-when">{exactTime(delta.createdAt.toISOString())}</span>
                  </p>
                  <p className="delta-explanation">{delta.explanation}</p>
                </>
              )}
            </li>
          ))}
        </ol>
      )}
    </div>
  );
}
