import "server-only";
import { readViewer } from "@/lib/auth/session-user";
import { HTTP_STATUS } from "@/lib/comments/commands/http-status";
import type { CommandRequest, CommandResult } from "@/lib/comments/commands/result";
import { refreshThreads } from "@/lib/comments/refresh-threads";
import { isCrossSiteRequest } from "./same-origin";

// A comment write's JSON route, for clients that are not the page's forms (scripts, the
// benchmarks): transport only, around the same command the server action runs (decision 026).
// Cross-site requests and anonymous ones are refused before the body is read; a refusal is a
// 4xx with { error } (and { fields } for bad input); nothing is stored on a refusal.

const problem = (status: number, error: string, fields?: Record<string, string | undefined>) =>
  Response.json({ error, ...(fields ? { fields } : {}) }, { status, headers: { "Cache-Control": "no-store" } });

export async function runJsonCommand<Success extends object>(
  request: Request,
  command: (request: CommandRequest) => Promise<CommandResult<Success>>,
  { signedOut, answer, status = 200 }: { signedOut: string; answer: (result: Success) => object; status?: 200 | 201 },
): Promise<Response> {
  if (isCrossSiteRequest(request)) return problem(403, "Cross-site requests are refused.");
  const viewer = await readViewer();
  if (!viewer) return problem(401, signedOut);
  if (!(request.headers.get("content-type") ?? "").includes("application/json")) return problem(415, "Send the request as JSON (Content-Type: application/json).");
  let input: unknown;
  try {
    input = await request.json();
  } catch {
    return problem(400, "The request body is not valid JSON.");
  }
  const result = await command({ viewer, input });
  if (!result.ok) return problem(HTTP_STATUS[result.code], result.message, result.fields);
  refreshThreads(result.refresh, "route");
  return Response.json(answer(result), { status, headers: { "Cache-Control": "no-store" } });
}
