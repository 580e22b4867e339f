import { getCachedCommentCounts } from "@/lib/comments/cached-queries";
import type { EssaySummary } from "@/lib/content/essays";
import { EssayMeta } from "./essay-meta";

/** A list of essays with their comment counts (one cached query for all of them). */
export async function EssayList({ essays }: { essays: EssaySummary[] }) {
  if (essays.length === 0) return <p>No essays here yet.</p>;
  const counts = await getCachedCommentCounts();
  return (
    <ol className="essay-list" reversed={false}>
      {essays.map((essay) => (
        <li key={essay.path} className="essay-card">
          <article>
            <h2>
              <a href={essay.path}>{essay.title}</a>
            </h2>
            {essay.subtitle && <p className="subtitle">{essay.subtitle}</p>}
            <EssayMeta essay={essay} commentCount={essay.comments === "hidden" ? undefined : (counts[essay.path] ?? 0)} />
            <p className="summary">{essay.description}</p>
          </article>
        </li>
      ))}
    </ol>
  );
}
