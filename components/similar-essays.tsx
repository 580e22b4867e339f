"use client";

import { usePathname } from "next/navigation";
import { similarEssays, type Candidate } from "@/lib/content/similar";

/**
 * The 404 page is one static page for every missing address, so the address is
 * only known in the browser: suggestions are computed there.
 */
export function SimilarEssays({ candidates }: { candidates: Candidate[] }) {
  const pathname = usePathname();
  const matches = similarEssays(pathname ?? "", candidates);
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
