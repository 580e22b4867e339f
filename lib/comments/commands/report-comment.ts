import "server-only";
import * as moderation from "@/db/queries/moderation";
import { parseReportForm } from "@/lib/moderation/form-schemas";
import { queueModeratorNotifications } from "@/lib/notifications/queue-notifications";
import { queueQuietly } from "./moderator";
import { fail, isRecord, type CommandRequest, type CommandResult } from "./result";

export type ReportCommentResult = CommandResult<{ message: string }>;

/**
 * Any signed-in reader reports a comment they can see, once: { commentId, reason, reasonDetail? }.
 * Not a moderation action: no log entry, and nothing cached changes.
 */
export async function reportComment({ viewer, input }: CommandRequest): Promise<ReportCommentResult> {
  if (!viewer) return fail("unauthenticated", "Sign in to report a comment.");
  const parsed = parseReportForm(isRecord(input) ? input : {});
  if (!parsed.ok) return fail("invalid", parsed.error);
  const { commentId, reason } = parsed.data;
  const result = await moderation.reportComment({ commentId, reporterId: viewer.userId, reason });
  if (!result.ok) {
    return result.reason === "already-reported"
      ? fail("conflict", "You have already reported this comment.")
      : fail("not-found", "That comment is no longer there to report.");
  }
  await queueQuietly(() => queueModeratorNotifications({ kind: "report", commentId, reportId: result.reportId, reason }));
  return { ok: true, message: "Thank you. A moderator will look at this comment." };
}
