// Next calls register() once when a server process starts (https://nextjs.org/docs/app/guides/instrumentation).
// Here it hands the cache handler its tag queries, re-anchors passages of edited essays, starts the comment render thread (docs/decisions/017-comment-posting-off-the-main-thread.md)
// and, for long-running servers, the outbox sender (docs/decisions/012-notifications-outbox.md).
export async function register() {
  // The one read of process.env outside env.js: Next's documented way to tell the Node.js
  // runtime from the edge one, written so the edge bundle drops the import below.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    // Imported here, not at the top: env.js and the database must not load in the edge runtime.
    const { env } = await import("./env.js");
    // `next build` starts no server to send from (Next skips register() there too; this is the second line).
    if (env.NEXT_PHASE === "phase-production-build") return;
    // The cache handler shares invalidations through these queries (docs/decisions/022); provided
    // before the server takes its first request, which reads the cache.
    const [{ listCacheTagEventsSince, recordCacheTagEvents }, { provideSharedTagStore }] = await Promise.all([
      import("./db/queries/cache-tags"),
      import("./lib/cache/shared-tag-store.js"),
    ]);
    provideSharedTagStore({ read: (seq) => listCacheTagEventsSince({ seq }), write: (events) => recordCacheTagEvents({ events }) });
    // Edited essays: their passages re-anchored to the new text before readers see it (decision 045).
    const { recordEssayRevisionsAtStart } = await import("./lib/anchors/record-revisions-at-start");
    void recordEssayRevisionsAtStart().catch((error: unknown) =>
      console.warn(`[passages] Could not re-anchor the passages of edited essays at start (${error instanceof Error ? error.message : String(error)}); each essay's next render tries again.`),
    );
    const { startCommentRenderThread } = await import("./lib/comments/render-comment");
    startCommentRenderThread();
    if (env.OUTBOX_INTERVAL_SECONDS === 0) return;
    const { startOutboxRunner } = await import("./lib/notifications/outbox-runner");
    startOutboxRunner({ intervalSeconds: env.OUTBOX_INTERVAL_SECONDS });
  }
}
