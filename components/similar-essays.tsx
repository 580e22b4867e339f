"use client";

import { usePathname } from "next/navigation";
import { useSyncExternalStore } from "react";
import { similarEssays, type Candidate } from "@/lib/content/similar";

const noSubscription = () => () => undefined;

/**
 * The address the reader asked for, or null while hydrating. The 404 page is one static
 * page for every missing address (prerendered as /_not-found), so the server cannot know it:
 * rendering suggestions from the server's path and then from the browser's made the two
 * disagree (React error #418). usePathname() re-renders on client-side navigation.
 */
function useRequestedPath(): string | null {
  usePathname();
  return useSyncExternalStore(noSubscription, () => window.location.pathname, () => null);
}

/** Suggestions for a mistyped or truncated address, computed in the browser after hydration. */
export function SimilarEssays({ candidates }: { candidates: Candidate[] }) {
  const pathname = useRequestedPath();
  const matches = pathname === null ? [] : similarEssays(pathname, candidates);
  if (matches.length === 0) return null;
  return (
    <section aria-labelledby="similar-title">
      <h2 id="similar-title">Were you looking for…</h2>
      <ul>
        {matches.map((essay) => (
          <li key={essay.path}>
            <a href={essay.path}>{essay.title}</a>
          </li>
        ))}
      </ul>
    </section>
  );
}
