import Link from "next/link";
import { adminHref, COMMENT_STATUSES, type AdminQuery, type AdminView } from "@/lib/moderation/admin-query";

const VIEW_LABELS: Record<AdminView, string> = {
  recent: "Recent comments",
  queue: "Approval queue",
  reports: "Reports",
  bans: "Bans",
  votes: "Coinciding votes",
  deltas: "Δs",
  passages: "Orphaned passages",
  log: "Log",
};

export const viewLabel = (view: AdminView) => VIEW_LABELS[view];

/** The views, as links: they work without JavaScript and can be bookmarked. */
export function AdminTabs({ current }: { current: AdminView }) {
  return (
    <nav aria-label="Moderation views" className="admin-tabs">
      <ul>
        {(Object.keys(VIEW_LABELS) as AdminView[]).map((view) => (
          <li key={view}>
            <Link href={adminHref({ view })} aria-current={view === current ? "page" : undefined}>
              {VIEW_LABELS[view]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}

const STATUS_LABELS = { published: "Published", pending: "Waiting for approval", hidden: "Hidden", deleted: "Deleted by their author" };

/** Filters for recent comments: a GET form, so it needs no JavaScript and the result has an address. */
export function CommentFilters({ query, essays }: { query: AdminQuery; essays: { path: string; title: string }[] }) {
  return (
    <form method="get" action="/admin" className="admin-filters" role="search" aria-label="Filter comments">
      <input type="hidden" name="view" value="recent" />
      <div>
        <label htmlFor="filter-essay">Essay</label>
        <select id="filter-essay" name="essay" defaultValue={query.essay ?? ""}>
          <option value="">All essays</option>
          {essays.map((essay) => (
            <option key={essay.path} value={essay.path}>
              {essay.title}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label htmlFor="filter-status">Status</label>
        <select id="filter-status" name="status" defaultValue={query.status ?? ""}>
          <option value="">Any</option>
          {COMMENT_STATUSES.map((status) => (
            <option key={status} value={status}>
              {STATUS_LABELS[status]}
            </option>
          ))}
        </select>
      </div>
      <button type="submit" className="button button-secondary">
        Show
      </button>
    </form>
  );
}

/** The previous and next pages of a list. */
export function AdminPagination({ query, hasMore }: { query: AdminQuery; hasMore: boolean }) {
  if (query.page === 1 && !hasMore) return null;
  return (
    <nav aria-label="Pages" className="pagination admin-pagination">
      {query.page > 1 ? <Link href={adminHref({ ...query, page: query.page - 1 })}>← Previous page</Link> : <span />}
      {hasMore && <Link href={adminHref({ ...query, page: query.page + 1 })}>Next page →</Link>}
    </nav>
  );
}
