import type { Heading } from "@/lib/markdown/rehype-essay-plugins";

/** Shown on essays with three or more headings. */
export function TableOfContents({ headings }: { headings: Heading[] }) {
  if (headings.length < 3) return null;
  return (
    <nav className="toc" aria-labelledby="toc-title">
      <h2 id="toc-title">Contents</h2>
      <ol>
        {headings.map((heading) => (
          <li key={heading.id} className={`depth-${heading.depth}`}>
            <a href={`#${heading.id}`}>{heading.text}</a>
          </li>
        ))}
      </ol>
    </nav>
  );
}
