"use server";

import { redirect } from "next/navigation";
import { answerRestatement } from "./commands/answer-restatement";
import { awardDelta } from "./commands/award-delta";
import { deleteComment } from "./commands/delete-comment";
import { editComment } from "./commands/edit-comment";
import { postComment } from "./commands/post-comment";
import { retractComment } from "./commands/retract-comment";
import type { Failure } from "./commands/result";
import { runInAction } from "./commands/run-in-action";
import { keepDraftForSignIn } from "./no-js-return";
import { renderCommentMarkdown } from "./render-markdown";
import { commentHref } from "./thread-page";
import { commentBodySchema } from "./validation";

// The comment forms' server actions: transport only. The write itself, its parsing, the
// viewer's standing and the cache refresh are the command's (./commands, decision 026); here
// the form's state on a refusal, or a redirect to the comment on success.

/** What a comment form shows after a submit. The typed text always comes back, so nothing is lost. */
export type CommentFormState = {
  body?: string;
  /** A disagreeing reply's box and restatement come back too (decision 041). */
  disagrees?: boolean;
  restatement?: string;
  error?: string;
  errorLink?: { href: string; text: string };
  previewHtml?: string;
};

const OUT_OF_DATE = "This form is out of date. Reload the page and try again.";

/** A refusal as the form says it: signed out in the form's words; a broken hidden field means a stale page. */
function formError(result: Failure, signedOut: string): string {
  if (result.code === "unauthenticated") return signedOut;
  if (result.code === "invalid" && result.fields) return result.fields.body ?? result.fields.restatement ?? OUT_OF_DATE;
  return result.message;
}

/** Preview writes nothing: the body is checked and rendered, signed in or not. */
function preview(body: string): CommentFormState {
  const parsed = commentBodySchema.safeParse(body);
  if (!parsed.success) return { body, error: parsed.error.issues[0]?.message ?? "Check what you wrote." };
  return { body, previewHtml: renderCommentMarkdown(parsed.data) };
}

export async function submitComment(_previous: CommentFormState, form: FormData): Promise<CommentFormState> {
  const body = String(form.get("body") ?? "");
  const stance = { disagrees: form.get("disagrees") === "on", restatement: String(form.get("restatement") ?? "") };
  if (form.get("intent") === "preview") return { ...preview(body), ...stance };
  const result = await runInAction(postComment, form);
  // Signed out: the text is kept as a draft across the sign-in (./no-js-return, decision 033).
  if (!result.ok && result.code === "unauthenticated") return keepDraftForSignIn(body, form);
  if (!result.ok) return { body, ...stance, error: formError(result, "Sign in to post. Your text is kept here until you do."), errorLink: result.link };
  // To the page of the thread that shows the comment (the tag was just updated: fresh rows).
  redirect(await commentHref({ id: result.id, essayPath: result.essay.path, parentId: result.parentId }));
}

export async function submitEdit(_previous: CommentFormState, form: FormData): Promise<CommentFormState> {
  const body = String(form.get("body") ?? "");
  if (form.get("intent") === "preview") return preview(body);
  const result = await runInAction(editComment, form);
  if (!result.ok) return { body, error: formError(result, "Your session has ended. Sign in again; your text is kept here.") };
  redirect(await commentHref(result.comment));
}

export type DeleteState = { error?: string };

export async function submitDelete(_previous: DeleteState, form: FormData): Promise<DeleteState> {
  const result = await runInAction(deleteComment, form);
  if (!result.ok) return { error: formError(result, "Your session has ended. Sign in again to delete your comment.") };
  redirect(result.threadPage);
}

/** The retraction form's state: the note and link come back on a refusal, so nothing typed is lost. */
export type RetractState = { error?: string; field?: string; note?: string; cause?: string };

export async function submitRetraction(_previous: RetractState, form: FormData): Promise<RetractState> {
  const result = await runInAction(retractComment, form);
  if (!result.ok) {
    const typed = { note: String(form.get("note") ?? ""), cause: String(form.get("cause") ?? "") };
    const signedOut = "Your session has ended. Sign in again to retract your comment; what you wrote is kept here.";
    const field = result.code === "invalid" ? result.field : undefined;
    const message = result.code === "unauthenticated" ? signedOut : field === "commentId" || field === "intent" ? OUT_OF_DATE : result.message;
    return { ...typed, error: message, field };
  }
  redirect(await commentHref(result.comment));
}

/** The Δ form's state: the explanation comes back on a refusal, so nothing typed is lost. */
export type DeltaState = { error?: string; errorLink?: { href: string; text: string }; explanation?: string };

export async function submitDelta(_previous: DeltaState, form: FormData): Promise<DeltaState> {
  const result = await runInAction(awardDelta, form);
  if (!result.ok) {
    const explanation = String(form.get("explanation") ?? "");
    const signedOut = "Your session has ended. Sign in again to award the Δ; what you wrote is kept here.";
    const message = result.code === "unauthenticated" ? signedOut : result.field === "commentId" ? OUT_OF_DATE : result.message;
    return { explanation, error: message, errorLink: result.link };
  }
  redirect(`${await commentHref(result.comment)}`);
}

/** The restatement answer's state: the correction comes back on a refusal. */
export type RestatementAnswerState = { error?: string; correction?: string };

export async function submitRestatementAnswer(_previous: RestatementAnswerState, form: FormData): Promise<RestatementAnswerState> {
  const result = await runInAction(answerRestatement, form);
  if (!result.ok) {
    const correction = String(form.get("correction") ?? "");
    const signedOut = "Your session has ended. Sign in again to answer; what you wrote is kept here.";
    const message = result.code === "unauthenticated" ? signedOut : result.field === "commentId" ? OUT_OF_DATE : result.message;
    return { correction, error: message };
  }
  redirect(await commentHref(result.comment));
}
