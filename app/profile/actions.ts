"use server";

import { auth } from "@/auth";
import { updateUserDisplayName } from "@/db/queries/users";
import { displayNameSchema } from "@/lib/auth/display-name";

export type ProfileState = { ok?: boolean; error?: string; displayName?: string };

export async function updateDisplayName(_previous: ProfileState, form: FormData): Promise<ProfileState> {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return { error: "Your session has ended. Sign in again to change your name." };
  const typed = String(form.get("displayName") ?? "");
  const parsed = displayNameSchema.safeParse(typed);
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Enter a name.", displayName: typed };
  // Only the caller's own row: the id comes from the session, never from the form.
  await updateUserDisplayName({ userId, displayName: parsed.data });
  return { ok: true, displayName: parsed.data };
}
