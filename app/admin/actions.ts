"use server";

import { updateTag } from "next/cache";
import { redirect } from "next/navigation";
import { auth } from "@/auth";
import {
  approveComment,
  banUser,
  hideComment,
  lockThread,
  reportComment,
  resolveReport,
  restoreComment,
  unbanUser,
  unlockThread,
} from "@/db/queries/moderation";
import { COMMENT_COUNTS_TAG, threadTag } from "@/lib/comments/cache-tags";
import { getEssayByPath } from "@/lib/content/essays";
import { queueModeratorNotifications, queueReplyNotifications } from "@/lib/notifications/queue-notifications";
import {
  parseBanForm,
  parseCommentForm,
  parseHideForm,
  parseReportForm,
  parseResolveForm,
  parseThreadForm,
  parseUnbanForm,
  safeAdminReturnTo,
} from "@/lib/moderation/form-schemas";
import { getModeratorById, type Moderator } from "@/lib/moderation/moderators";
import { describeNotice, withNotice, type ModerationNotice } from "@/lib/moderation/notices";

// Moderation actions (docs/decisions/011-moderation.md). Each runs the same steps: auth() →
// the moderator check (the role does not depend on the form, so a stranger is turned away
// before anything is parsed) → zod → one query, which checks the role again inside its
// transaction and writes the log entry → refresh the cached threads it changed → a small result.
// They take (previous state, form) for useActionState, or just (form) from a plain <form action>.
// A form with a `returnTo` field (an /admin address) is redirected back there, with a notice code.

/** What a moderation form shows after a submit. null before the first one. */
export type ModerationState = { ok: true; message: string } | { ok: false; error: string } | null;

type Outcome = { notice: ModerationNotice; error?: string };

const FORBIDDEN: Outcome = { notice: "forbidden" };

function formOf(previous: ModerationState | FormData, form: FormData | undefined): FormData {
  if (form instanceof FormData) return form;
  return previous instanceof FormData ? previous : new FormData();
}

/** The signed-in moderator, or undefined for anyone else (anonymous visitors included). */
async function currentModerator(): Promise<Moderator | undefined> {
  const session = await auth();
  const userId = session?.user?.id;
  return userId ? getModeratorById({ id: userId }) : undefined;
}

/** Turns an outcome into the state, or, for a plain form with a safe returnTo, a redirect back. */
function finish(form: FormData, outcome: Outcome): ModerationState {
  const returnTo = safeAdminReturnTo(form.get("returnTo"));
  if (returnTo) redirect(withNotice(returnTo, outcome.notice));
  const { ok, text } = describeNotice(outcome.notice);
  return ok ? { ok: true, message: text } : { ok: false, error: outcome.error ?? text };
}

/** A refusal whose message is the parser's own (useActionState shows it; a plain form gets "invalid"). */
const invalid = (error: string): Outcome => ({ notice: "invalid", error });

/** updateTag: this request and the next read on any instance see the change (docs/decisions/009). */
function refreshThreads(essayPaths: readonly string[]) {
  for (const essayPath of essayPaths) updateTag(threadTag(essayPath));
  if (essayPaths.length > 0) updateTag(COMMENT_COUNTS_TAG);
}

/** E-mail goes through the outbox; a failure to queue it never undoes or fails the action. */
async function queueQuietly(queue: () => Promise<unknown>) {
  try {
    await queue();
  } catch (error) {
    console.error("Could not queue notifications:", error);
  }
}

const changedOr = (changed: boolean, notice: ModerationNotice): Outcome => ({ notice: changed ? notice : "unchanged" });

export async function hideCommentAction(previous: ModerationState | FormData, formData?: FormData): Promise<ModerationState> {
  const form = formOf(previous, formData);
  const actor = await currentModerator();
  if (!actor) return finish(form, FORBIDDEN);
  const parsed = parseHideForm(form);
  if (!parsed.ok) return finish(form, invalid(parsed.error));
  const result = await hideComment({ commentId: parsed.data.commentId, actor, reason: parsed.data.reason });
  if (!result.ok) return finish(form, result.reason === "not-moderator" ? FORBIDDEN : { notice: "not-found" });
  if (result.changed) refreshThreads([result.essayPath]);
  return finish(form, changedOr(result.changed, "hidden"));
}

export async function restoreCommentAction(previous: ModerationState | FormData, formData?: FormData): Promise<ModerationState> {
  const form = formOf(previous, formData);
  const actor = await currentModerator();
  if (!actor) return finish(form, FORBIDDEN);
  const parsed = parseCommentForm(form);
  if (!parsed.ok) return finish(form, invalid(parsed.error));
  const result = await restoreComment({ commentId: parsed.data.commentId, actor });
  if (!result.ok) {
    const notices = { "not-moderator": "forbidden", "not-found": "not-found", pending: "restore-pending" } as const;
    return finish(form, { notice: notices[result.reason] });
  }
  if (result.changed) refreshThreads([result.essayPath]);
  return finish(form, changedOr(result.changed, "restored"));
}

export async function approveCommentAction(previous: ModerationState | FormData, formData?: FormData): Promise<ModerationState> {
  const form = formOf(previous, formData);
  const actor = await currentModerator();
  if (!actor) return finish(form, FORBIDDEN);
  const parsed = parseCommentForm(form);
  if (!parsed.ok) return finish(form, invalid(parsed.error));
  const result = await approveComment({ commentId: parsed.data.commentId, actor });
  if (!result.ok) {
    const notices = { "not-moderator": "forbidden", "not-found": "not-found", hidden: "approve-hidden", deleted: "approve-deleted" } as const;
    return finish(form, { notice: notices[result.reason] });
  }
  if (result.changed) {
    refreshThreads([result.comment.essayPath]);
    // Held comments notify nobody until now (docs/decisions/012).
    await queueQuietly(() => queueReplyNotifications({ commentId: result.comment.id }));
  }
  return finish(form, changedOr(result.changed, "approved"));
}

async function changeThreadLock(previous: ModerationState | FormData, formData: FormData | undefined, lock: boolean): Promise<ModerationState> {
  const form = formOf(previous, formData);
  const actor = await currentModerator();
  if (!actor) return finish(form, FORBIDDEN);
  const parsed = parseThreadForm(form);
  if (!parsed.ok) return finish(form, invalid(parsed.error));
  const essay = getEssayByPath(parsed.data.essayPath);
  if (!essay) return finish(form, { notice: "essay-missing" });
  const input = { essayPath: essay.path, actor, reason: parsed.data.note ?? null };
  const result = lock ? await lockThread(input) : await unlockThread(input);
  if (!result.ok) return finish(form, FORBIDDEN);
  // The lock is cached with the thread (lib/comments/cached-queries.ts); counts do not change.
  if (result.changed) updateTag(threadTag(essay.path));
  return finish(form, changedOr(result.changed, lock ? "locked" : "unlocked"));
}

export async function lockThreadAction(previous: ModerationState | FormData, formData?: FormData): Promise<ModerationState> {
  return changeThreadLock(previous, formData, true);
}

export async function unlockThreadAction(previous: ModerationState | FormData, formData?: FormData): Promise<ModerationState> {
  return changeThreadLock(previous, formData, false);
}

export async function banUserAction(previous: ModerationState | FormData, formData?: FormData): Promise<ModerationState> {
  const form = formOf(previous, formData);
  const actor = await currentModerator();
  if (!actor) return finish(form, FORBIDDEN);
  const parsed = parseBanForm(form, new Date());
  if (!parsed.ok) return finish(form, invalid(parsed.error));
  const result = await banUser({ actor, ...parsed.data });
  if (!result.ok) {
    const notices = {
      "not-moderator": "forbidden",
      "not-found": "not-found",
      self: "self-ban",
      "already-banned": "already-banned",
      "ends-in-past": "invalid",
    } as const;
    return finish(form, { notice: notices[result.reason] });
  }
  refreshThreads(result.essayPaths);
  return finish(form, { notice: result.hiddenCount > 0 ? "banned-hidden" : "banned" });
}

export async function unbanUserAction(previous: ModerationState | FormData, formData?: FormData): Promise<ModerationState> {
  const form = formOf(previous, formData);
  const actor = await currentModerator();
  if (!actor) return finish(form, FORBIDDEN);
  const parsed = parseUnbanForm(form);
  if (!parsed.ok) return finish(form, invalid(parsed.error));
  const result = await unbanUser({ userId: parsed.data.userId, actor, reason: parsed.data.note ?? null });
  if (!result.ok) return finish(form, FORBIDDEN);
  return finish(form, changedOr(result.changed, "unbanned"));
}

export async function resolveReportAction(previous: ModerationState | FormData, formData?: FormData): Promise<ModerationState> {
  const form = formOf(previous, formData);
  const actor = await currentModerator();
  if (!actor) return finish(form, FORBIDDEN);
  const parsed = parseResolveForm(form);
  if (!parsed.ok) return finish(form, invalid(parsed.error));
  const result = await resolveReport({ reportId: parsed.data.reportId, actor, resolution: parsed.data.resolution });
  if (!result.ok) return finish(form, result.reason === "not-moderator" ? FORBIDDEN : { notice: "not-found" });
  return finish(form, changedOr(result.changed, "resolved"));
}

/**
 * Any signed-in reader may report a comment they can see, once. Not a moderator action: no
 * returnTo (readers are not sent to /admin), no log entry, nothing cached changes.
 */
export async function reportCommentAction(previous: ModerationState | FormData, formData?: FormData): Promise<ModerationState> {
  const form = formOf(previous, formData);
  const session = await auth();
  const reporterId = session?.user?.id;
  if (!reporterId) return { ok: false, error: "Sign in to report a comment." };
  const parsed = parseReportForm(form);
  if (!parsed.ok) return { ok: false, error: parsed.error };
  const result = await reportComment({ commentId: parsed.data.commentId, reporterId, reason: parsed.data.reason });
  if (result.ok) {
    await queueQuietly(() =>
      queueModeratorNotifications({ kind: "report", commentId: parsed.data.commentId, reportId: result.reportId, reason: parsed.data.reason }),
    );
    return { ok: true, message: "Thank you. A moderator will look at this comment." };
  }
  return {
    ok: false,
    error: result.reason === "already-reported" ? "You have already reported this comment." : "That comment is no longer there to report.",
  };
}
