import "server-only";
import { insertComment, type PostingAdmission } from "@/db/queries/comments";
import type { PostingStanding } from "@/db/queries/moderation";
import { env } from "@/env.js";
import { currentRevision } from "@/lib/anchors/essay-revision";
import { PASSAGE_REFUSALS, readPassageInput } from "@/lib/anchors/passage-input";
import { nameChoiceHref } from "@/lib/auth/display-name";
import { getEssayByPath, type Essay } from "@/lib/content/essays";
import { queueModeratorNotifications, queueReplyNotifications } from "@/lib/notifications/queue-notifications";
import { commentPermalink } from "../permalink";
import { renderCommentHtml } from "../render-comment";
import { RENDERER_VERSION } from "../render-markdown";
import { parseCommentForm } from "../validation";
import { scheduleCommentPostingWarmUp } from "../warm-up";
import { fail, invalidFields, isRecord, type CommandRequest, type CommandResult, type Failure } from "./result";

// Posting a comment or a reply: { essayPath, parentId?, body } as the viewer.
// The posting path's first calls are slow (compiling, no JIT yet): warm it up when this module
// loads, in its own copy of the code. Why here and not in instrumentation.ts: ../warm-up.ts.
scheduleCommentPostingWarmUp();

export type PostCommentResult = CommandResult<{ id: number; essay: Essay; parentId: number | null; status: "published" | "pending" }>;

const LOCKED = fail("forbidden", "A moderator has locked this conversation: no new comments or replies for now.");

const formatDay = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

function retryMessage(retryAfterMs: number | undefined): string {
  const seconds = Math.ceil((retryAfterMs ?? 60_000) / 1000);
  if (seconds < 90) return `in ${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return `in ${minutes} minutes`;
  return `in about ${Math.ceil(minutes / 60)} hours`;
}

/**
 * Nothing is posted under a name the reader has not seen and accepted (decision 030): the
 * refusal links to the name page, which comes back to the thread; the form keeps the text.
 */
function nameNotChosen(essayPath: string, parentId: number | null): Failure {
  const back = parentId === null ? `${essayPath}#comments` : commentPermalink(parentId);
  return fail("forbidden", "Before you post, choose the name other readers will see beside your comments. Your text is kept here.", {
    link: { href: nameChoiceHref(back), text: "Choose your name" },
  });
}

/**
 * Whether a new comment goes up at once or waits for a moderator (COMMENTS_MODERATION):
 * off → at once; first → at once for readers a moderator has approved before; all → waits.
 * Moderators' own comments never wait.
 */
function statusFor(standing: PostingStanding): "published" | "pending" {
  const mode = env.COMMENTS_MODERATION;
  if (mode === "off" || standing.moderator) return "published";
  if (mode === "first" && standing.approved) return "published";
  return "pending";
}

/** The standing rules, in the order a reader is told them: the lock (closed to everyone), a ban, the name. */
function admit(essayPath: string, parentId: number | null) {
  return (standing: PostingStanding): PostingAdmission<Failure> => {
    if (standing.threadLocked) return { refused: LOCKED };
    if (standing.ban) {
      const until = standing.ban.endsAt ? ` until ${formatDay.format(standing.ban.endsAt)}` : "";
      return { refused: fail("forbidden", `A moderator has stopped you from commenting${until}. Reason: ${standing.ban.reason}`) };
    }
    if (!standing.nameConfirmed) return { refused: nameNotChosen(essayPath, parentId) };
    return { status: statusFor(standing) };
  };
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

export async function postComment({ viewer, input }: CommandRequest): Promise<PostCommentResult> {
  if (!viewer) return fail("unauthenticated", "Sign in to post a comment.");
  if (!isRecord(input)) return fail("invalid", "Send an object: { essayPath, parentId?, body }.");
  const parsed = parseCommentForm(input);
  if (!parsed.ok) return invalidFields(parsed.fieldErrors);
  const { essayPath, parentId, body, disagrees, restatement } = parsed.data;

  const essay = getEssayByPath(essayPath);
  if (!essay) return fail("not-found", "That essay does not exist.");
  if (essay.comments !== "open") return fail("forbidden", "Comments on this essay are closed.");

  // A response to a passage (issue 15) starts a conversation; replies answer the comment.
  const passageInput = readPassageInput(input);
  if (!passageInput.ok) return fail("invalid", passageInput.message, { field: "passage" });
  const { passage } = passageInput;
  if (passage && parentId !== null) return fail("invalid", "A reply answers its comment; respond to a passage with a new comment.", { field: "passage" });
  // The revision the reader saw is usually this instance's own, recorded on its first render:
  // record it now if this instance has not rendered the page yet.
  if (passage) await currentRevision(essay);

  // Rendered on the render thread (decision 017), before the transaction: the standing is read
  // inside it, and nothing else may wait there.
  const bodyHtml = await renderCommentHtml(body);
  let status: "published" | "pending" = "pending";
  const decide = admit(essay.path, parentId);
  const result = await insertComment<Failure>({
    essayPath: essay.path,
    parentId,
    authorId: viewer.userId,
    body,
    bodyHtml,
    renderVersion: RENDERER_VERSION,
    disagrees,
    restatement,
    admit: (standing) => {
      const admission = decide(standing);
      if ("status" in admission) status = admission.status;
      return admission;
    },
    limits: { perMinute: env.COMMENTS_PER_MINUTE, perDay: env.COMMENTS_PER_DAY },
    passage,
  });
  if (result.ok) {
    if (!result.duplicate) await queueNotificationsFor(result.id, status, parentId);
    return { ok: true, id: result.id, essay, parentId, status, refresh: { essayPaths: [essay.path], counts: true } };
  }
  switch (result.reason) {
    case "refused":
      return result.refusal;
    case "parent-missing":
      return fail("not-found", "The comment you are replying to no longer exists.");
    case "parent-other-essay":
      return fail("invalid", "You can only reply to a comment under the same essay.");
    case "passage":
      return fail("invalid", PASSAGE_REFUSALS[result.problem], { field: "passage" });
    case "rate-limited":
      return fail("rate-limited", `You are posting faster than this site allows. Your text is kept here: try again ${retryMessage(result.retryAfterMs)}.`);
  }
}
