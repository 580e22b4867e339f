"use server";

import { redirect } from "next/navigation";
import { updateTag } from "next/cache";
import { getCommentById } from "@/db/queries/comments";
import { signedInUserId } from "@/lib/auth/session-user";
import { COMMENT_COUNTS_TAG, threadTag } from "@/lib/comments/cache-tags";
import { deleteComment, editComment, postComment } from "@/lib/comments/comment-service";
import { keepDraftForSignIn } from "@/lib/comments/no-js-return";
import { renderCommentMarkdown } from "@/lib/comments/render-markdown";
import { commentHref } from "@/lib/comments/thread-page";
import { commentBodySchema, commentIdSchema, essayPathSchema, parentIdSchema } from "@/lib/comments/validation";

/** What a comment form shows after a submit. The typed text always comes back, so nothing is lost. */
export type CommentFormState = { body?: string; error?: string; errorLink?: { href: string; text: string }; previewHtml?: string };

function refreshThread(essayPath: string) {
  // updateTag: this request and the next read anywhere see the change at once.
  updateTag(threadTag(essayPath));
  updateTag(COMMENT_COUNTS_TAG);
}

const firstIssue = (error: { issues: { message: string }[] }) => error.issues[0]?.message ?? "Check what you wrote.";

export async function submitComment(_previous: CommentFormState, form: FormData): Promise<CommentFormState> {
  const body = String(form.get("body") ?? "");
  const parsedBody = commentBodySchema.safeParse(body);
  if (!parsedBody.success) return { body, error: firstIssue(parsedBody.error) };
  if (form.get("intent") === "preview") return { body, previewHtml: renderCommentMarkdown(parsedBody.data) };

  const userId = await signedInUserId();
  if (!userId) return keepDraftForSignIn(body, form);
  const essayPath = essayPathSchema.safeParse(form.get("essayPath"));
  const parentId = parentIdSchema.safeParse(form.get("parentId") ?? "");
  if (!essayPath.success || !parentId.success) return { body, error: "This form is out of date. Reload the page and try again." };

  const result = await postComment({ userId, essayPath: essayPath.data, parentId: parentId.data, body: parsedBody.data });
  if (!result.ok) return { body, error: result.error, errorLink: result.link };
  refreshThread(result.essay.path);
  // To the page of the thread that shows the comment (the tag was just updated: fresh rows).
  redirect(await commentHref({ id: result.id, essayPath: result.essay.path, parentId: parentId.data }));
}

export async function submitEdit(_previous: CommentFormState, form: FormData): Promise<CommentFormState> {
  const body = String(form.get("body") ?? "");
  const parsedBody = commentBodySchema.safeParse(body);
  if (!parsedBody.success) return { body, error: firstIssue(parsedBody.error) };
  if (form.get("intent") === "preview") return { body, previewHtml: renderCommentMarkdown(parsedBody.data) };

  const userId = await signedInUserId();
  if (!userId) return { body, error: "Your session has ended. Sign in again; your text is kept here." };
  const id = commentIdSchema.safeParse(form.get("commentId"));
  if (!id.success) return { body, error: "This form is out of date. Reload the page and try again." };
  const comment = await getCommentById({ id: id.data });
  const result = await editComment({ userId, id: id.data, body: parsedBody.data });
  if (!result.ok || !comment) return { body, error: result.ok ? "That comment does not exist." : result.error };
  refreshThread(comment.essayPath);
  redirect(await commentHref(comment));
}

export type DeleteState = { error?: string };

export async function submitDelete(_previous: DeleteState, form: FormData): Promise<DeleteState> {
  const userId = await signedInUserId();
  if (!userId) return { error: "Your session has ended. Sign in again to delete your comment." };
  const id = commentIdSchema.safeParse(form.get("commentId"));
  if (!id.success) return { error: "This form is out of date. Reload the page and try again." };
  const comment = await getCommentById({ id: id.data });
  // Back to the page the comment was on, found before it goes (it may leave no trace there).
  const page = comment ? (await commentHref(comment)).replace(/#.*$/, "#comments") : undefined;
  const result = await deleteComment({ userId, id: id.data });
  if (!result.ok || !comment || !page) return { error: result.ok ? "That comment does not exist." : result.error };
  refreshThread(comment.essayPath);
  redirect(page);
}
