import type { Metadata } from "next";
import { SimilarEssays } from "@/components/similar-essays";
import { getEssaySummaries } from "@/lib/content/essays";
import { notFoundMetadata } from "@/lib/seo/not-found";

export const metadata: Metadata = notFoundMetadata;

export default function NotFound() {
  // Only what the suggestion needs, so the 404 page stays small.
  const candidates = getEssaySummaries().map(({ path, title, slug }) => ({ path, title, slug }));
  return (
    <div className="not-found">
      <h1 className="page-title">This page does not exist</h1>
      <p className="page-intro">The address may be mistyped, or the page may have moved.</p>
      <SimilarEssays candidates={candidates} />
      <h2>Where to go from here</h2>
      <ul>
        <li>
          <a href="/">The newest essays</a>
        </li>
        <li>
          <a href="/archive">The archive of every essay</a>
        </li>
        <li>
          <a href="/tags">Essays by tag</a>
        </li>
      </ul>
    </div>
  );
}
