import { readViewer } from "@/lib/auth/session-user";
import { HTTP_STATUS } from "@/lib/comments/commands/http-status";
import { postComment } from "@/lib/comments/commands/post-comment";
import { commentPermalink } from "@/lib/comments/permalink";
import { refreshThreads } from "@/lib/comments/refresh-threads";
import { isCrossSiteRequest } from "@/lib/http/same-origin";

const problem = (status: number, error: string, fields?: Record<string, string | undefined>) =>
  Response.json({ error, ...(fields ? { fields } : {}) }, { status });

/** The body as JSON or form data; undefined when it is neither. */
async function readBody(request: Request): Promise<unknown> {
  try {
    const type = request.headers.get("content-type") ?? "";
    return type.includes("application/json") ? await request.json() : Object.fromEntries((await request.formData()).entries());
  } catch {
    return undefined;
  }
}

/**
 * Posting for clients that are not browsers (browsers use the server action behind the
 * form): transport only, around the same command (lib/comments/commands/post-comment.ts).
 * JSON or form-encoded { essayPath, parentId?, body } → 201 { id, url } or a 4xx with
 * { error } (and { fields } for bad input). Ids, authors and times come from the server.
 */
export async function POST(request: Request) {
  if (isCrossSiteRequest(request)) return problem(403, "Cross-site requests are refused.");
  const viewer = await readViewer();
  // An anonymous request is refused before its body is read.
  if (!viewer) return problem(401, "Sign in to post a comment.");
  const input = await readBody(request);
  if (input === undefined) return problem(400, "The request body is not valid JSON or form data.");

  const result = await postComment({ viewer, input });
  if (!result.ok) return problem(HTTP_STATUS[result.code], result.message, result.fields);
  refreshThreads(result.refresh, "route");
  return Response.json({ id: result.id, url: commentPermalink(result.id) }, { status: 201 });
}
