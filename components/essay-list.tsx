import Link from "next/link";
import type { EssaySummary } from "@/lib/content/essays";
import { EssayMeta } from "./essay-meta";

export function EssayList({ essays }: { essays: EssaySummary[] }) {
  if (essays.length === 0) return <p>No essays here yet.</p>;
  return (
    <ol className="essay-list" reversed={false}>
      {essays.map((essay) => (
        <li key={essay.path} className="essay-card">
          <article>
            <h2>
              <Link href={essay.path}>{essay.title}</Link>
            </h2>
            {essay.subtitle && <p className="subtitle">{essay.subtitle}</p>}
            <EssayMeta essay={essay} />
            <p className="summary">{essay.description}</p>
          </article>
        </li>
      ))}
    </ol>
  );
}
