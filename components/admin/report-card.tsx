import type { OpenReportRow } from "@/db/queries/moderation-lists";
import { AdminTime } from "./admin-time";
import { CommentCard } from "./comment-card";
import { ResolveReportForm } from "./moderation-forms";

/** An open report: who reported what and why, the comment itself with its actions, and the resolve form. */
export function ReportCard({
  report,
  essayTitle,
  viewerId,
  returnTo,
}: {
  report: OpenReportRow;
  essayTitle: string;
  viewerId: string;
  returnTo: string;
}) {
  const headingId = `admin-report-${report.id}`;
  return (
    <article className="admin-card admin-report" aria-labelledby={headingId}>
      <h3 id={headingId} className="admin-card-title">
        Reported by {report.reporterName}: {report.reason}
      </h3>
      <p className="admin-card-meta">
        <AdminTime date={report.createdAt} />
        {report.reportCount > 1 && <span>One of {report.reportCount} open reports on this comment</span>}
      </p>
      <CommentCard comment={report.comment} essayTitle={essayTitle} viewerId={viewerId} returnTo={returnTo} headingLevel={4} />
      <ResolveReportForm reportId={report.id} returnTo={returnTo} />
    </article>
  );
}
