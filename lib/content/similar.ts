export type Candidate = { path: string; title: string; slug: string };

function words(text: string): Set<string> {
  return new Set(text.toLowerCase().split(/[^a-z0-9]+/).filter((word) => word.length > 2));
}

/**
 * Essays whose slug shares words with the requested address, best first.
 * A cheap Jaccard score: enough to catch a mistyped or truncated link.
 */
export function similarEssays(requestPath: string, candidates: Candidate[], limit = 3): Candidate[] {
  const last = requestPath.split("/").filter(Boolean).pop() ?? "";
  const wanted = words(decodeURIComponent(last));
  if (wanted.size === 0) return [];
  return candidates
    .map((candidate) => {
      const have = words(candidate.slug);
      const shared = [...wanted].filter((word) => have.has(word)).length;
      return { candidate, score: shared / (wanted.size + have.size - shared) };
    })
    .filter(({ score }) => score > 0)
    .sort((a, b) => b.score - a.score)
    .slice(0, limit)
    .map(({ candidate }) => candidate);
}
