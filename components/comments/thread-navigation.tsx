// Links, not buttons: ordering and paging a thread are addresses of static pages, so they
// work without JavaScript and a reader can share "the newest comments" (decision 016).
import { pageNumbersAround, threadPageHref, type ThreadPageRef } from "@/lib/comments/pagination";

const href = (essayPath: string, at: ThreadPageRef) => `${threadPageHref(essayPath, at)}#comments`;

export function ThreadOrderLinks({ essayPath, at }: { essayPath: string; at: ThreadPageRef }) {
  const orders = [
    { order: "oldest", label: "Oldest first" },
    { order: "newest", label: "Newest first" },
    { order: "best", label: "Best" },
    { order: "valued", label: "Valued across disagreement" },
  ] as const;
  return (
    <nav className="comment-sort" aria-label="Order of comments">
      {orders.map(({ order, label }) => (
        <a key={order} href={href(essayPath, { order, page: 1 })} aria-current={at.order === order ? "true" : undefined}>
          {label}
        </a>
      ))}
    </nav>
  );
}

const PAGE_LABELS = {
  oldest: ["Earlier comments", "Later comments"],
  newest: ["Newer comments", "Older comments"],
  best: ["Higher ranked", "Lower ranked"],
  valued: ["Higher ranked", "Lower ranked"],
} as const;

export function ThreadPagination({ essayPath, at, pageCount }: { essayPath: string; at: ThreadPageRef; pageCount: number }) {
  if (pageCount <= 1) return null;
  const link = (page: number) => href(essayPath, { order: at.order, page });
  const [previousLabel, nextLabel] = PAGE_LABELS[at.order];
  return (
    <nav className="thread-pages" aria-label="Pages of comments">
      <p className="thread-pages-status">{`Page ${at.page} of ${pageCount}`}</p>
      <ul>
        {at.page > 1 && (
          <li>
            <a href={link(at.page - 1)} rel="prev">
              ← {previousLabel}
            </a>
          </li>
        )}
        {pageNumbersAround(at.page, pageCount).map((page, index) =>
          page === null ? (
            <li key={`gap-${index}`} aria-hidden="true" className="thread-pages-gap">
              …
            </li>
          ) : (
            <li key={page}>
              <a href={link(page)} aria-current={page === at.page ? "page" : undefined} aria-label={`Page ${page}`}>
                {page}
              </a>
            </li>
          ),
        )}
        {at.page < pageCount && (
          <li>
            <a href={link(at.page + 1)} rel="next">
              {nextLabel} →
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
