import "server-only";
import { warmUpPostingChecks } from "@/db/queries/comments";
import { inRunningServer } from "@/lib/runtime/running-server";

// A fresh server posted its first comments several times slower than later ones (bench:comments:
// the p99 of 200 posts was its readers' first, simultaneous posts). V8 compiles a function on its
// first call and optimises it only after many, the Markdown pipeline and the query builder are
// large. So the posting path's checks query (standing, double submit, parent, limits) is compiled
// and prepared once when its modules load.
// Markdown needs nothing here: the render thread (decision 017) starts with the server, from
// instrumentation.ts, and warms its own renderer (./markdown-sample.ts).
//
// Where it runs matters: JIT work belongs to one copy of the code. Turbopack bundles what
// instrumentation.ts imports as separate copies (other chunks, other module ids), so warming
// there leaves the route's copy cold, and opens a second database connection. Instead the
// modules that post (lib/comments/commands/post-comment.ts) schedule it when they load, which is at
// their route's first request (measured: `next start` did not load the comments route before).
// Only the render thread, one per process whichever copy starts it, starts with the server.
// See docs/decisions/015-fast-comment-posting.md and 017.

/**
 * Runs the posting path's first query without writing anything: the checks for a user that does
 * not exist, top-level and reply (which compiles them and, on SQLite, prepares their statements). Never
 * throws: a database that is not reachable yet is the first request's problem, as before.
 */
export async function warmUpCommentPosting(): Promise<void> {
  try {
    await warmUpPostingChecks();
  } catch (error) {
    console.warn(`Comment posting warm-up failed: ${error instanceof Error ? error.message : String(error)}`);
  }
}

let scheduled = false;

/**
 * Warms up once per module copy, in a running server only: not while `next build` imports the
 * routes, not in `next dev` (which loads routes on demand) or tests. Scheduled, not run, so that
 * loading the module stays quick.
 */
export function scheduleCommentPostingWarmUp(): void {
  if (scheduled || !inRunningServer) return;
  scheduled = true;
  setTimeout(() => void warmUpCommentPosting(), 0).unref();
}
