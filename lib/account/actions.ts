"use server";

import { z } from "zod";
import { auth, signOut } from "@/auth";
import { deleteAccount } from "@/db/queries/account";
import { refreshThreads } from "@/lib/comments/refresh-threads";

/** What the delete-account form shows after a refused submit; the chosen option comes back. */
export type DeleteAccountState = { error?: string; comments?: "keep" | "delete" };

const deleteAccountSchema = z.object({
  comments: z.enum(["keep", "delete"], { message: "Choose what happens to your comments." }),
  // Typed, not ticked: a box is too easy to tick on the way to another button.
  confirmation: z
    .string()
    .trim()
    .refine((value) => value === "DELETE", { message: "Type DELETE, in capitals, to confirm." }),
});

/**
 * Deletes the signed-in reader's own account (docs/decisions/013-owning-your-words.md):
 * auth → the form (choice + typed confirmation) → one transaction → the threads that showed
 * the reader's comments refreshed → signed out and sent home with a notice.
 */
export async function deleteAccountAction(_previous: DeleteAccountState, form: FormData): Promise<DeleteAccountState> {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) return { error: "Your session has ended. Sign in again to delete your account." };

  const choice = form.get("comments");
  const comments = choice === "delete" ? "delete" : choice === "keep" ? "keep" : undefined;
  const parsed = deleteAccountSchema.safeParse({ comments: choice, confirmation: String(form.get("confirmation") ?? "") });
  if (!parsed.success) return { error: parsed.error.issues[0]?.message ?? "Check the form and try again.", comments };

  // The id comes from the session, never from the form: only the reader themself can be deleted.
  const result = await deleteAccount({ userId, deleteComments: parsed.data.comments === "delete" });
  if (!result.ok) return { error: "This account no longer exists. Sign out and sign in again." };

  // Names (or whole comments) changed in these threads: fresh on the next read anywhere.
  refreshThreads({ essayPaths: result.essayPaths, counts: true }, "action");
  // The session row went with the user; signOut clears the cookie and redirects.
  await signOut({ redirectTo: "/account-deleted" });
  return {};
}
