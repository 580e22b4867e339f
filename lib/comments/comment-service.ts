import "server-only";
import { insertComment, softDeleteComment, updateCommentBody } from "@/db/queries/comments";
import { env } from "@/env.js";
import { getEssayByPath, type Essay } from "@/lib/content/essays";
import { RENDERER_VERSION, renderCommentMarkdown } from "./render-markdown";

/**
 * What a comment request may do, decided once for the server action (browsers) and the
 * JSON route (other clients). The caller has authenticated the user and parsed the input;
 * it refreshes the cache after a success. `status` is the HTTP answer for other clients.
 */
export type ServiceResult<T> = ({ ok: true } & T) | { ok: false; status: 400 | 401 | 403 | 404 | 409 | 429; error: string };

function retryMessage(retryAfterMs: number | undefined): string {
  const seconds = Math.ceil((retryAfterMs ?? 60_000) / 1000);
  if (seconds < 90) return `in ${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  if (minutes < 90) return `in ${minutes} minutes`;
  return `in about ${Math.ceil(minutes / 60)} hours`;
}

/** The essay a comment belongs to, if it takes comments. */
export function essayOpenForComments(essayPath: string): ServiceResult<{ essay: Essay }> {
  const essay = getEssayByPath(essayPath);
  if (!essay) return { ok: false, status: 404, error: "That essay does not exist." };
  if (essay.comments !== "open") return { ok: false, status: 403, error: "Comments on this essay are closed." };
  return { ok: true, essay };
}

export async function postComment(input: {
  userId: string;
  essayPath: string;
  parentId: number | null;
  body: string;
}): Promise<ServiceResult<{ id: number; essay: Essay }>> {
  const open = essayOpenForComments(input.essayPath);
  if (!open.ok) return open;
  const result = await insertComment({
    essayPath: open.essay.path,
    parentId: input.parentId,
    authorId: input.userId,
    body: input.body,
    bodyHtml: renderCommentMarkdown(input.body),
    renderVersion: RENDERER_VERSION,
    status: "published",
    limits: { perMinute: env.COMMENTS_PER_MINUTE, perDay: env.COMMENTS_PER_DAY },
  });
  if (result.ok) return { ok: true, id: result.id, essay: open.essay };
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
  const result = await updateCommentBody({
    id: input.id,
    authorId: input.userId,
    body: input.body,
    bodyHtml: renderCommentMarkdown(input.body),
    renderVersion: RENDERER_VERSION,
  });
  return result.ok ? { ok: true } : { ok: false, ...ownershipErrors[result.reason] };
}

export async function deleteComment(input: { userId: string; id: number }): Promise<ServiceResult<object>> {
  const result = await softDeleteComment({ id: input.id, authorId: input.userId });
  return result.ok ? { ok: true } : { ok: false, ...ownershipErrors[result.reason] };
}
