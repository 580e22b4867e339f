import "server-only";
import { randomBytes } from "node:crypto";
import { insertCommentDraft } from "@/db/queries/comment-drafts";
import { getEssayByPath } from "@/lib/content/essays";
import { essayPathSchema, parentIdSchema } from "./validation";

// A comment posted while signed out, kept in the database across the sign-in (decision 033).
// Not in the sign-in address: a draft can be 10,000 characters, and addresses are logged.
// Only an opaque token travels, as the callbackUrl, so a magic link opened in another
// browser still leads to it. A day is long enough to find the sign-in e-mail.
const DRAFT_LIFETIME_MS = 24 * 60 * 60 * 1000;
export const DRAFT_TOKEN = /^[A-Za-z0-9_-]{24}$/;

export const draftHref = (token: string) => `/comments/draft/${token}`;

type Refusal = { body: string; error: string; errorLink?: { href: string; text: string } };

/**
 * The answer to a post from a signed-out reader: the text comes back (as before), and the
 * sign-in link returns to a page that holds the draft, ready to post.
 */
export async function keepDraftForSignIn(body: string, form: FormData): Promise<Refusal> {
  const essayPath = essayPathSchema.safeParse(form.get("essayPath"));
  const parentId = parentIdSchema.safeParse(form.get("parentId") ?? "");
  const error = "Sign in to post. Your text is kept until you do.";
  if (!essayPath.success || !parentId.success || !getEssayByPath(essayPath.data)) return { body, error };
  const token = randomBytes(18).toString("base64url");
  await insertCommentDraft({
    token,
    essayPath: essayPath.data,
    parentId: parentId.data ?? null,
    body,
    expiresAt: new Date(Date.now() + DRAFT_LIFETIME_MS),
  });
  return { body, error, errorLink: { href: `/sign-in?callbackUrl=${encodeURIComponent(draftHref(token))}`, text: "Sign in" } };
}
