import "server-only";
import { updateUserNotify } from "@/db/queries/users";
import { verifyUnsubscribeToken } from "./unsubscribe-token";

/**
 * Stops all e-mail about conversations (users.notify = "never") for the reader a signed link
 * names. The token is the authorization: no session, no cookies (mail clients' one-click
 * POSTs carry none). A token for an account deleted since still counts as done.
 */
export async function unsubscribeByToken({ token }: { token: string }): Promise<{ ok: boolean }> {
  const claims = verifyUnsubscribeToken({ token });
  if (!claims) return { ok: false };
  await updateUserNotify({ userId: claims.userId, notify: "never" });
  return { ok: true };
}
