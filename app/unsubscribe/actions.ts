"use server";

import { redirect } from "next/navigation";
import { unsubscribeByToken } from "@/lib/notifications/unsubscribe";

/**
 * The button on /unsubscribe. The signed token is the authorization (no sign-in needed), and
 * the page it returns to reads the result from the database, so a reload shows the truth.
 */
export async function confirmUnsubscribe(form: FormData): Promise<void> {
  const token = String(form.get("token") ?? "");
  await unsubscribeByToken({ token });
  redirect(`/unsubscribe?token=${encodeURIComponent(token)}`);
}
