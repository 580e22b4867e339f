import "server-only";
import { readViewer } from "@/lib/auth/session-user";
import { refreshThreads } from "@/lib/comments/refresh-threads";
import type { CommandRequest, CommandResult } from "./result";

/**
 * A command as a server action runs it: as the signed-in reader (the one way a write reads its
 * viewer), then, after a success, the threads it changed are refreshed for the page the action
 * redirects to. The JSON route does the same with its own refresh (app/api/comments/route.ts).
 */
export async function runInAction<Result extends CommandResult>(command: (request: CommandRequest) => Promise<Result>, input: unknown): Promise<Result> {
  const result = await command({ viewer: await readViewer(), input });
  if (result.ok) refreshThreads(result.refresh, "action");
  return result;
}
