// The admin page's address: /admin?view=…&essay=…&status=…&page=…. Pure, so the page, its
// links and the tests read and write it the same way. Anything unknown falls back to a default.
import type { CommentListStatus } from "@/db/queries/moderation-lists";
import { firstParam, type SearchParams } from "@/lib/search-params";

export const ADMIN_VIEWS = ["recent", "queue", "reports", "bans", "votes", "deltas", "passages", "log"] as const;
export type AdminView = (typeof ADMIN_VIEWS)[number];

export const COMMENT_STATUSES: readonly CommentListStatus[] = ["published", "pending", "hidden", "deleted"];

/** Rows per page. */
export const ADMIN_PAGE_SIZE = 25;
const MAX_PAGE = 10_000;

export type AdminQuery = { view: AdminView; essay?: string; status?: CommentListStatus; page: number };


/** Reads the address; `essayPaths` are the essays that exist (a filter on any other path is dropped). */
export function parseAdminQuery(params: SearchParams, essayPaths: ReadonlySet<string>): AdminQuery {
  const view = ADMIN_VIEWS.find((candidate) => candidate === firstParam(params.view)) ?? "recent";
  const essay = firstParam(params.essay);
  const status = COMMENT_STATUSES.find((candidate) => candidate === firstParam(params.status));
  const page = Number(firstParam(params.page));
  return {
    view,
    essay: view === "recent" && essay && essayPaths.has(essay) ? essay : undefined,
    status: view === "recent" ? status : undefined,
    page: Number.isInteger(page) && page >= 1 && page <= MAX_PAGE ? page : 1,
  };
}

/** The address of a view; filters only where the view has them, page 1 left out. */
export function adminHref({ view, essay, status, page = 1 }: Partial<AdminQuery> & { view: AdminView }): string {
  const params = new URLSearchParams({ view });
  if (view === "recent" && essay) params.set("essay", essay);
  if (view === "recent" && status) params.set("status", status);
  if (page > 1) params.set("page", String(page));
  return `/admin?${params.toString()}`;
}
