"use server";

import { redirect } from "next/navigation";
import { approveComment } from "@/lib/comments/commands/approve-comment";
import { banUser } from "@/lib/comments/commands/ban-user";
import { hideComment } from "@/lib/comments/commands/hide-comment";
import { lockThread, unlockThread } from "@/lib/comments/commands/lock-thread";
import type { ModerationResult } from "@/lib/comments/commands/moderator";
import { reattachPassage } from "@/lib/comments/commands/reattach-passage";
import { removeDelta } from "@/lib/comments/commands/remove-delta";
import { reportComment } from "@/lib/comments/commands/report-comment";
import { resolveReport } from "@/lib/comments/commands/resolve-report";
import { restoreComment } from "@/lib/comments/commands/restore-comment";
import type { CommandRequest } from "@/lib/comments/commands/result";
import { runInAction } from "@/lib/comments/commands/run-in-action";
import { unbanUser } from "@/lib/comments/commands/unban-user";
import { safeAdminReturnTo } from "./form-schemas";
import { withNotice } from "./notices";

// The moderation forms' server actions (docs/decisions/011-moderation.md): transport only. The
// moderator check, parsing, the query and the cache refresh are the commands'
// (lib/comments/commands, decision 026). They take (previous state, form) for useActionState,
// or just (form) from a plain <form action>. A form with a `returnTo` field (an /admin
// address) is redirected back there, with the result's notice code.

/** What a moderation form shows after a submit. null before the first one. */
export type ModerationState = { ok: true; message: string } | { ok: false; error: string } | null;

function formOf(previous: ModerationState | FormData, form: FormData | undefined): FormData {
  if (form instanceof FormData) return form;
  return previous instanceof FormData ? previous : new FormData();
}

/** Runs a moderation command for a form: the state, or, for a plain form with a safe returnTo, a redirect back. */
async function moderate(
  command: (request: CommandRequest) => Promise<ModerationResult>,
  previous: ModerationState | FormData,
  formData: FormData | undefined,
): Promise<ModerationState> {
  const form = formOf(previous, formData);
  const result = await runInAction(command, form);
  const returnTo = safeAdminReturnTo(form.get("returnTo"));
  if (returnTo) redirect(withNotice(returnTo, result.notice));
  return result.ok ? { ok: true, message: result.message } : { ok: false, error: result.message };
}

type Previous = ModerationState | FormData;

// Written out one by one: a "use server" file exports async functions only.
export async function hideCommentAction(previous: Previous, form?: FormData) {
  return moderate(hideComment, previous, form);
}
export async function restoreCommentAction(previous: Previous, form?: FormData) {
  return moderate(restoreComment, previous, form);
}
export async function approveCommentAction(previous: Previous, form?: FormData) {
  return moderate(approveComment, previous, form);
}
export async function lockThreadAction(previous: Previous, form?: FormData) {
  return moderate(lockThread, previous, form);
}
export async function unlockThreadAction(previous: Previous, form?: FormData) {
  return moderate(unlockThread, previous, form);
}
export async function banUserAction(previous: Previous, form?: FormData) {
  return moderate(banUser, previous, form);
}
export async function unbanUserAction(previous: Previous, form?: FormData) {
  return moderate(unbanUser, previous, form);
}
export async function removeDeltaAction(previous: Previous, form?: FormData) {
  return moderate(removeDelta, previous, form);
}
export async function reattachPassageAction(previous: Previous, form?: FormData) {
  return moderate(reattachPassage, previous, form);
}
export async function resolveReportAction(previous: Previous, form?: FormData) {
  return moderate(resolveReport, previous, form);
}

/** A reader's report: no returnTo (readers are not sent to /admin). */
export async function reportCommentAction(previous: Previous, form?: FormData): Promise<ModerationState> {
  const result = await runInAction(reportComment, formOf(previous, form));
  return result.ok ? { ok: true, message: result.message } : { ok: false, error: result.message };
}
