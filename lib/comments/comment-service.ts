import "server-only";
import { insertComment, softDeleteComment, updateCommentBody } from "@/db/queries/comments";
import { getCommenterStanding, getPostingStanding, getThreadLock } from "@/db/queries/moderation";
import { env } from "@/env.js";
import { nameChoiceHref } from "@/lib/auth/display-name";
import { getEssayByPath, type Essay } from "@/lib/content/essays";
import { queueModeratorNotifications, queueReplyNotifications } from "@/lib/notifications/queue-notifications";
import { commentPermalink } from "./permalink";
import { renderCommentHtml } from "./render-comment";
import { RENDERER_VERSION } from "./render-markdown";
import { scheduleCommentPostingWarmUp } from "./warm-up";

// The posting path's first calls are slow (compiling, no JIT yet): warm it up when this module
// loads, in its own copy of the code. Why here and not in instrumentation.ts: ./warm-up.ts.
scheduleCommentPostingWarmUp();

/**
 * What a comment request may do, decided once for the server action (browsers) and the
 * JSON route (other clients). The caller has authenticated the user and parsed the input;
 * it refreshes the cache after a success. `status` is the HTTP answer for other clients;
 * `link`, where there is one, is the page that removes the refusal's cause.
 */
export type ServiceResult<T> =
  | ({ ok: true } & T)
  | { ok: false; status: 400 | 401 | 403 | 404 | 409 | 429; error: string; link?: { href: string; text: string } };

function retryMessage(retryAfterMs: number | undefined): string {
  const seconds = Math.ceil((retryAfterMs ?? 60_000) / 1000);
  if (seconds < 90) return `in ${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return `in ${minutes} minutes`;
  return `in about ${Math.ceil(minutes / 60)} hours`;
}

const formatDay = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** The essay a comment belongs to, if its front matter takes comments (a moderator's lock is checked apart). */
function essayWithOpenComments(essayPath: string): ServiceResult<{ essay: Essay }> {
  const essay = getEssayByPath(essayPath);
  if (!essay) return { ok: false, status: 404, error: "That essay does not exist." };
  if (essay.comments !== "open") return { ok: false, status: 403, error: "Comments on this essay are closed." };
  return { ok: true, essay };
}

const lockedThread = { ok: false, status: 403, error: "A moderator has locked this conversation: no new comments or replies for now." } as const;

/**
 * Nothing is posted under a name the reader has not seen and accepted (decision 030): the
 * refusal links to the name page, which comes back to the thread; the form keeps the text.
 */
function nameNotChosen(essayPath: string, parentId: number | null): ServiceResult<never> {
  const back = parentId === null ? `${essayPath}#comments` : commentPermalink(parentId);
  return {
    ok: false,
    status: 403,
    error: "Before you post, choose the name other readers will see beside your comments. Your text is kept here.",
    link: { href: nameChoiceHref(back), text: "Choose your name" },
  };
}

/** The essay a comment belongs to, if it takes comments: open in its front matter and not locked. */
export async function essayOpenForComments(essayPath: string): Promise<ServiceResult<{ essay: Essay }>> {
  const open = essayWithOpenComments(essayPath);
  if (!open.ok) return open;
  if (await getThreadLock({ essayPath: open.essay.path })) return lockedThread;
  return open;
}

/**
 * Whether a new comment goes up at once or waits for a moderator (COMMENTS_MODERATION):
 * off → at once; first → at once for readers a moderator has approved before; all → waits.
 * Moderators' own comments never wait.
 */
function statusFor(mode: "off" | "first" | "all", standing: { approved: boolean }, isModerator: boolean): "published" | "pending" {
  if (mode === "off" || isModerator) return "published";
  if (mode === "first" && standing.approved) return "published";
  return "pending";
}

/**
 * After a comment is stored: notifications go into the outbox. Never fails the post:
 * a problem here is logged, and the comment stands.
 */
async function queueNotificationsFor(id: number, status: "published" | "pending", parentId: number | null) {
  try {
    // A published top-level comment replies to nobody: queueReplyNotifications would read it
    // back only to queue nothing, so the busiest case (docs/decisions/015) skips the queries.
    if (status === "published" && parentId !== null) await queueReplyNotifications({ commentId: id });
    else if (status === "pending") await queueModeratorNotifications({ kind: "pending", commentId: id });
  } catch (error) {
    console.error(`Could not queue notifications for comment ${id}:`, error);
  }
}

export async function postComment(input: {
  userId: string;
  essayPath: string;
  parentId: number | null;
  body: string;
}): Promise<ServiceResult<{ id: number; essay: Essay; status: "published" | "pending" }>> {
  const open = essayWithOpenComments(input.essayPath);
  if (!open.ok) return open;
  // Rendered on the render thread while the standing is read (decision 017). Never left
  // unhandled when a refusal below returns first; awaited where the comment is stored.
  const bodyHtml = renderCommentHtml(input.body);
  bodyHtml.catch(() => {});
  // Lock, ban, approval and moderator role in one query (docs/decisions/015-fast-comment-posting.md).
  const standing = await getPostingStanding({ userId: input.userId, essayPath: open.essay.path });
  if (standing.threadLocked) return lockedThread;
  if (standing.ban) {
    const until = standing.ban.endsAt ? ` until ${formatDay.format(standing.ban.endsAt)}` : "";
    return { ok: false, status: 403, error: `A moderator has stopped you from commenting${until}. Reason: ${standing.ban.reason}` };
  }
  if (!standing.nameConfirmed) return nameNotChosen(open.essay.path, input.parentId);
  const status = statusFor(env.COMMENTS_MODERATION, standing, standing.moderator);
  const result = await insertComment({
    essayPath: open.essay.path,
    parentId: input.parentId,
    authorId: input.userId,
    body: input.body,
    bodyHtml: await bodyHtml,
    renderVersion: RENDERER_VERSION,
    status,
    limits: { perMinute: env.COMMENTS_PER_MINUTE, perDay: env.COMMENTS_PER_DAY },
  });
  if (result.ok) {
    if (!result.duplicate) await queueNotificationsFor(result.id, status, input.parentId);
    return { ok: true, id: result.id, essay: open.essay, status };
  }
  switch (result.reason) {
    case "parent-missing":
      return { ok: false, status: 404, error: "The comment you are replying to no longer exists." };
    case "parent-other-essay":
      return { ok: false, status: 400, error: "You can only reply to a comment under the same essay." };
    case "rate-limited":
      return {
        ok: false,
        status: 429,
        error: `You are posting faster than this site allows. Your text is kept here: try again ${retryMessage(result.retryAfterMs)}.`,
      };
  }
}

const ownershipErrors = {
  "not-found": { status: 404, error: "That comment does not exist." },
  "not-author": { status: 403, error: "Only its author can change a comment." },
  deleted: { status: 409, error: "That comment was deleted, so it cannot be edited." },
} as const;

export async function editComment(input: { userId: string; id: number; body: string }): Promise<ServiceResult<object>> {
  // A ban stops edits too: otherwise an edit would be a way around it.
  const standing = await getCommenterStanding({ userId: input.userId });
  if (standing.ban) return { ok: false, status: 403, error: `A moderator has stopped you from commenting. Reason: ${standing.ban.reason}` };
  const result = await updateCommentBody({
    id: input.id,
    authorId: input.userId,
    body: input.body,
    bodyHtml: await renderCommentHtml(input.body),
    renderVersion: RENDERER_VERSION,
  });
  return result.ok ? { ok: true } : { ok: false, ...ownershipErrors[result.reason] };
}

export async function deleteComment(input: { userId: string; id: number }): Promise<ServiceResult<object>> {
  const result = await softDeleteComment({ id: input.id, authorId: input.userId });
  return result.ok ? { ok: true } : { ok: false, ...ownershipErrors[result.reason] };
}
