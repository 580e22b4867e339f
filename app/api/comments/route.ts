import { revalidateTag } from "next/cache";
import { signedInUserId } from "@/lib/auth/session-user";
import { COMMENT_COUNTS_TAG, threadTag } from "@/lib/comments/cache-tags";
import { postComment } from "@/lib/comments/comment-service";
import { commentPermalink } from "@/lib/comments/permalink";
import { parseCommentForm } from "@/lib/comments/validation";
import { isCrossSiteRequest } from "@/lib/http/same-origin";

const problem = (status: number, error: string, fields?: Record<string, string | undefined>) =>
  Response.json({ error, ...(fields ? { fields } : {}) }, { status });

/**
 * Posting for clients that are not browsers (browsers use the server action behind the
 * form). JSON or form-encoded { essayPath, parentId?, body } → 201 { id, url } or a 4xx
 * with { error }. Ids, authors and times come from the server, whatever the body says.
 */
export async function POST(request: Request) {
  if (isCrossSiteRequest(request)) return problem(403, "Cross-site requests are refused.");
  const userId = await signedInUserId();
  if (!userId) return problem(401, "Sign in to post a comment.");

  let input: Record<string, unknown>;
  try {
    const type = request.headers.get("content-type") ?? "";
    input = type.includes("application/json")
      ? ((await request.json()) as Record<string, unknown>)
      : Object.fromEntries((await request.formData()).entries());
  } catch {
    return problem(400, "The request body is not valid JSON or form data.");
  }
  if (typeof input !== "object" || input === null) return problem(400, "Send an object: { essayPath, parentId?, body }.");
  const parsed = parseCommentForm(input);
  if (!parsed.ok) return problem(400, Object.values(parsed.fieldErrors)[0] ?? "Check the fields.", parsed.fieldErrors);

  const result = await postComment({ ...parsed.data, userId });
  if (!result.ok) return problem(result.status, result.error);
  // Expire now, on every instance (the shared cache handler records it).
  revalidateTag(threadTag(result.essay.path), { expire: 0 });
  revalidateTag(COMMENT_COUNTS_TAG, { expire: 0 });
  return Response.json({ id: result.id, url: commentPermalink(result.id) }, { status: 201 });
}
