"use server";

import { redirect } from "next/navigation";
import { getEssayPathsWithCommentsBy } from "@/db/queries/comments";
import { confirmUserDisplayName } from "@/db/queries/users";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { displayNameSchema } from "@/lib/auth/display-name";
import { readViewer } from "@/lib/auth/session-user";
import { refreshThreads } from "@/lib/comments/refresh-threads";

export type ProfileState = { ok?: boolean; error?: string; displayName?: string };

/**
 * Saves the name other readers see, and records that the reader accepted it (decision 030):
 * from the profile, or from the name page after the first sign-in, which then goes on to its
 * callbackUrl.
 */
export async function updateDisplayName(_previous: ProfileState, form: FormData): Promise<ProfileState> {
  const userId = (await readViewer())?.userId;
  if (!userId) return { error: "Your session has ended. Sign in again to change your name." };
  const typed = String(form.get("displayName") ?? "");
  const parsed = displayNameSchema.safeParse(typed);
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Enter a name.", displayName: typed };
  // Only the caller's own row: the id comes from the session, never from the form.
  await confirmUserDisplayName({ userId, displayName: parsed.data });
  // Threads are cached with their authors' names: the reader's earlier comments show the new one.
  refreshThreads({ essayPaths: await getEssayPathsWithCommentsBy({ authorId: userId }), counts: false }, "action");
  const next = form.get("callbackUrl");
  if (typeof next === "string") redirect(safeCallbackPath(next));
  return { ok: true, displayName: parsed.data };
}
