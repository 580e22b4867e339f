import { getEssaySummaries } from "@/lib/content/essays";
import { siteConfig } from "@/site.config";
import { EssayList } from "./essay-list";

export function pageCount(): number {
  return Math.max(1, Math.ceil(getEssaySummaries().length / siteConfig.pageSize));
}

const pageHref = (page: number) => (page === 1 ? "/" : `/page/${page}`);

/** The home page's list of essays, newest first, one page of it. */
export function EssayIndex({ page }: { page: number }) {
  const essays = getEssaySummaries().slice((page - 1) * siteConfig.pageSize, page * siteConfig.pageSize);
  const pages = pageCount();
  return (
    <>
      <h1 className={page === 1 ? "visually-hidden" : "page-title"}>
        {page === 1 ? `${siteConfig.title}: essays` : `Essays, page ${page} of ${pages}`}
      </h1>
      {page === 1 && <p className="page-intro">{siteConfig.description}</p>}
      <EssayList essays={essays} />
      {pages > 1 && (
        <nav className="pagination" aria-label="Pages">
          {page > 1 ? (
            <a href={pageHref(page - 1)} rel="prev">
              ← Newer essays
            </a>
          ) : (
            <span />
          )}
          <span>
            Page {page} of {pages}
          </span>
          {page < pages ? (
            <a href={pageHref(page + 1)} rel="next">
              Older essays →
            </a>
          ) : (
            <span />
          )}
        </nav>
      )}
    </>
  );
}
