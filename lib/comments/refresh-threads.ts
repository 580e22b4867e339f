import "server-only";
import { revalidateTag, updateTag } from "next/cache";
import { COMMENT_COUNTS_TAG, threadTag, threadVotesTag } from "./cache-tags";

/**
 * The cached pages a write changed: its threads, and whether visible comment counts changed too.
 * `votesOnly`: only the threads' votes changed, so their comments stay cached (the pages re-render
 * from the cached rows and fresh tallies).
 */
export type ThreadRefresh = { essayPaths: readonly string[]; counts: boolean; votesOnly?: boolean };

/**
 * The one place a comment write refreshes the cache (on every instance: the shared cache
 * handler records it). A server action uses updateTag, so the page it redirects to and the
 * next read anywhere see the change at once (docs/decisions/009); a route handler may not
 * call updateTag, so it expires the tags now with revalidateTag(tag, { expire: 0 }).
 */
export function refreshThreads(change: ThreadRefresh | undefined, from: "action" | "route"): void {
  if (!change || change.essayPaths.length === 0) return;
  const expire = from === "action" ? (tag: string) => updateTag(tag) : (tag: string) => revalidateTag(tag, { expire: 0 });
  for (const essayPath of change.essayPaths) expire(change.votesOnly ? threadVotesTag(essayPath) : threadTag(essayPath));
  if (change.counts) expire(COMMENT_COUNTS_TAG);
}
