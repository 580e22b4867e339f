"use server";

import { auth } from "@/auth";
import { updateUserNotify } from "@/db/queries/users";
import { notifyPreferenceSchema, type NotifyPreference } from "@/lib/notifications/preferences";

export type NotificationPreferenceState = { ok?: boolean; error?: string; notify?: NotifyPreference };

export async function updateNotificationPreference(_previous: NotificationPreferenceState, form: FormData): Promise<NotificationPreferenceState> {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return { error: "Your session has ended. Sign in again to change your e-mail settings." };
  const parsed = notifyPreferenceSchema.safeParse(form.get("notify"));
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Choose one of the options." };
  // Only the caller's own row: the id comes from the session, never from the form.
  const { updated } = await updateUserNotify({ userId, notify: parsed.data });
  if (!updated) return { error: "Your account could not be found. Sign in again." };
  return { ok: true, notify: parsed.data };
}
