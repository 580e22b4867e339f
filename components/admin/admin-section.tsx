import { listRecentDeltas } from "@/db/queries/deltas";
import { getThreadLock } from "@/db/queries/moderation";
import { listOrphanedPassages } from "@/db/queries/passages";
import { getCoincidentVoterPairs } from "@/db/queries/votes";
import { listActiveBans, listModerationLog, listOpenReports, listPendingComments, listRecentComments } from "@/db/queries/moderation-lists";
import { ADMIN_PAGE_SIZE, type AdminQuery } from "@/lib/moderation/admin-query";
import type { Moderator } from "@/lib/moderation/moderators";
import { AdminPagination } from "./admin-nav";
import { AdminTime } from "./admin-time";
import { BanList } from "./ban-list";
import { CoincidentVoterList } from "./coincident-voter-list";
import { CommentCard } from "./comment-card";
import { DeltaList } from "./delta-list";
import { ModerationLogList } from "./moderation-log-list";
import { OrphanList } from "./orphan-list";
import { ThreadLockForm } from "./moderation-forms";
import { ReportCard } from "./report-card";

type Props = { query: AdminQuery; moderator: Moderator; essays: { path: string; title: string }[]; returnTo: string };

/** One more row than a page holds tells whether there is a next page, without counting. */
const page = (query: AdminQuery) => ({ limit: ADMIN_PAGE_SIZE + 1, offset: (query.page - 1) * ADMIN_PAGE_SIZE });

function paged<T>(rows: T[]): { rows: T[]; hasMore: boolean } {
  return { rows: rows.slice(0, ADMIN_PAGE_SIZE), hasMore: rows.length > ADMIN_PAGE_SIZE };
}

/** The list for the current view, one query each (the thread lock is a second one, on one essay only). */
export async function AdminSection({ query, moderator, essays, returnTo }: Props) {
  const titles = new Map(essays.map((essay) => [essay.path, essay.title]));
  const titleOf = (path: string) => titles.get(path) ?? path;
  const shared = { viewerId: moderator.id, returnTo };

  switch (query.view) {
    case "recent":
    case "queue": {
      const [list, lock] = await Promise.all([
        query.view === "queue"
          ? listPendingComments(page(query))
          : listRecentComments({ ...page(query), essayPath: query.essay, status: query.status }),
        query.essay ? getThreadLock({ essayPath: query.essay }) : undefined,
      ]);
      const { rows, hasMore } = paged(list);
      return (
        <>
          {query.essay && (
            <div className="admin-thread-lock">
              <p>
                {lock ? (
                  <>
                    The thread of “{titleOf(query.essay)}” is <strong>locked</strong> since <AdminTime date={lock.lockedAt} />
                    {lock.reason ? ` (${lock.reason})` : ""}.
                  </>
                ) : (
                  <>The thread of “{titleOf(query.essay)}” is open to new comments (unless its front matter closes it).</>
                )}
              </p>
              <ThreadLockForm essayPath={query.essay} locked={Boolean(lock)} returnTo={returnTo} />
            </div>
          )}
          {rows.length === 0 ? (
            <p className="admin-empty">{query.view === "queue" ? "No comment is waiting for approval." : "No comments match."}</p>
          ) : (
            <ul className="admin-list">
              {rows.map((comment) => (
                <li key={comment.id}>
                  <CommentCard comment={comment} essayTitle={titleOf(comment.essayPath)} {...shared} />
                </li>
              ))}
            </ul>
          )}
          <AdminPagination query={query} hasMore={hasMore} />
        </>
      );
    }
    case "reports": {
      const { rows, hasMore } = paged(await listOpenReports(page(query)));
      return (
        <>
          {rows.length === 0 ? (
            <p className="admin-empty">No open reports.</p>
          ) : (
            <ul className="admin-list">
              {rows.map((report) => (
                <li key={report.id}>
                  <ReportCard report={report} essayTitle={titleOf(report.comment.essayPath)} {...shared} />
                </li>
              ))}
            </ul>
          )}
          <AdminPagination query={query} hasMore={hasMore} />
        </>
      );
    }
    case "bans": {
      const { rows, hasMore } = paged(await listActiveBans(page(query)));
      return (
        <>
          {rows.length === 0 ? <p className="admin-empty">Nobody is banned.</p> : <BanList bans={rows} returnTo={returnTo} />}
          <AdminPagination query={query} hasMore={hasMore} />
        </>
      );
    }
    case "votes": {
      // One query over every vote; a list to look at, never an automatic penalty (decision 037).
      const pairs = await getCoincidentVoterPairs({ minShared: 10, minRatio: 0.8, withinMs: 3_600_000 });
      return <CoincidentVoterList pairs={pairs} />;
    }
    case "deltas": {
      const { rows, hasMore } = paged(await listRecentDeltas(page(query)));
      return (
        <>
          {rows.length === 0 ? <p className="admin-empty">Nobody has awarded a Δ yet.</p> : <DeltaList deltas={rows} essayTitles={titles} returnTo={returnTo} />}
          <AdminPagination query={query} hasMore={hasMore} />
        </>
      );
    }
    case "passages": {
      const { rows, hasMore } = paged(await listOrphanedPassages(page(query)));
      return (
        <>
          {rows.length === 0 ? <p className="admin-empty">Every response to a passage is still on the essay’s words.</p> : <OrphanList orphans={rows} essayTitles={titles} returnTo={returnTo} />}
          <AdminPagination query={query} hasMore={hasMore} />
        </>
      );
    }
    case "log": {
      const { rows, hasMore } = paged(await listModerationLog(page(query)));
      return (
        <>
          {rows.length === 0 ? <p className="admin-empty">Nothing has been moderated yet.</p> : <ModerationLogList entries={rows} essayTitles={titles} />}
          <AdminPagination query={query} hasMore={hasMore} />
        </>
      );
    }
  }
}
