import "server-only";
import { recordCacheTagEvents } from "@/db/queries/cache-tags";
import { recordRevision } from "@/db/queries/passages";
import { threadTag } from "@/lib/comments/cache-tags";
import { getEssays } from "@/lib/content/essays";
import { blocksOf } from "./essay-revision";

/**
 * At a server's start (instrumentation.ts): records each essay's revision and re-anchors its passages
 * (issue 15, decision 045). The build only plans revisions (it must not write a shared database,
 * decision 028) and its prerendered pages are served without a render, so without this a deploy of
 * an edited essay would show the old placements until the thread's next write. Where passages moved,
 * the essay's thread tag is expired on every instance, so its pages render again with the new
 * placements. Idempotent: the second instance to start finds the revision recorded and does nothing.
 * Run in the background: a cold start does not wait for it (a page served meanwhile is rendered
 * again once the tag expires). A failure is thrown to the caller, which logs it once; each page's
 * first render records its revision again (lib/anchors/essay-revision.ts).
 */
export async function recordEssayRevisionsAtStart(): Promise<void> {
  const moved: string[] = [];
  for (const essay of getEssays()) {
    if (essay.comments === "hidden") continue;
    const { reanchored } = await recordRevision(essay.path, blocksOf(essay));
    if (reanchored > 0) moved.push(essay.path);
  }
  if (moved.length === 0) return;
  const now = Date.now();
  await recordCacheTagEvents({ events: moved.map((essayPath) => ({ tag: threadTag(essayPath), staleAt: null, expiredAt: now })) });
  console.log(`[passages] re-anchored the passages of ${moved.length} revised ${moved.length === 1 ? "essay" : "essays"}.`);
}
