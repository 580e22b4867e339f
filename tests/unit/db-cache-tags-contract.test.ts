// The shared cache-tag queries (db/queries/cache-tags.ts) on SQLite and a real PostgreSQL,
// with two app instances on one database, and the cache handler's side of them
// (lib/cache/shared-tags.js copying rows into Next's tag map). Decisions 009 and 022.
import tagsManifestModule from "next/dist/server/lib/incremental-cache/tags-manifest.external.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeInstances, contractTargets, loadWithDatabaseUrl, migratedDatabase } from "../support/contract-databases";

async function loadModules(databaseUrl: string) {
  const [client, migrate, cacheTags] = await loadWithDatabaseUrl(databaseUrl, () =>
    Promise.all([import("@/db/client"), import("@/db/migrate"), import("@/db/queries/cache-tags")]),
  );
  return { client, migrate, cacheTags };
}
type Modules = Awaited<ReturnType<typeof loadModules>>;

for (const target of contractTargets("essays-cache-tags-")) {
  describe.skipIf(target.skip)(`shared cache tags on ${target.dialect}`, () => {
    let databaseUrl: string;
    let a: Modules;
    let b: Modules;

    beforeAll(async () => {
      ({ databaseUrl, m: a } = await migratedDatabase(target, loadModules));
      b = await loadModules(databaseUrl);
    });
    afterAll(() => closeInstances([a, b]));

    it("hands another instance what one recorded, in epoch milliseconds past 2^31, newest event per tag", async () => {
      const stale = 1_900_000_000_123;
      await a.cacheTags.recordCacheTagEvents({ events: [{ tag: "comments:/a", staleAt: stale, expiredAt: null }] });
      const first = await b.cacheTags.listCacheTagEventsSince({ seq: 0 });
      expect(first).toEqual([{ tag: "comments:/a", staleAt: stale, expiredAt: null, seq: expect.any(Number) }]);

      // The same tag again (twice in one call, too): one row, the last event, a later seq.
      await b.cacheTags.recordCacheTagEvents({
        events: [
          { tag: "comments:/a", staleAt: null, expiredAt: stale + 1 },
          { tag: "comment-counts", staleAt: null, expiredAt: stale + 2 },
          { tag: "comments:/a", staleAt: null, expiredAt: stale + 3 },
        ],
      });
      const since = first[0]!.seq;
      const next = await a.cacheTags.listCacheTagEventsSince({ seq: since });
      expect(next.map(({ tag, staleAt, expiredAt }) => ({ tag, staleAt, expiredAt }))).toEqual([
        { tag: "comments:/a", staleAt: null, expiredAt: stale + 3 },
        { tag: "comment-counts", staleAt: null, expiredAt: stale + 2 },
      ]);
      expect(next.every((event) => event.seq > since)).toBe(true);
      expect(await a.cacheTags.listCacheTagEventsSince({ seq: next.at(-1)!.seq })).toEqual([]);
    });

    it("numbers concurrent writes from two instances without a gap or a repeat (sequence order is commit order)", async () => {
      const [start] = (await a.cacheTags.listCacheTagEventsSince({ seq: 0 })).slice(-1);
      // SQLite instances are separate processes (its write lock orders them); two connections in
      // this one test process would wait on each other with the event loop blocked, so there the
      // writes race through one instance's connection, as concurrent requests do.
      const writers = target.dialect === "sqlite" ? [a] : [a, b];
      const writes = Array.from({ length: 20 }, (_, i) =>
        writers[i % writers.length]!.cacheTags.recordCacheTagEvents({ events: [{ tag: `race:${i}`, staleAt: null, expiredAt: i }] }),
      );
      await Promise.all(writes);
      const seqs = (await a.cacheTags.listCacheTagEventsSince({ seq: start!.seq })).map((event) => event.seq);
      expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => start!.seq + 1 + i));
    });

    it("reaches Next's tag map through the cache handler's store", async () => {
      const { provideSharedTagStore } = await import("@/lib/cache/shared-tag-store.js");
      const { recordSharedTags, syncSharedTags } = await import("@/lib/cache/shared-tags.js");
      provideSharedTagStore({
        read: (seq) => (target.dialect === "sqlite" ? a : b).cacheTags.listCacheTagEventsSince({ seq }),
        write: (events) => a.cacheTags.recordCacheTagEvents({ events }),
      });
      const before = Date.now();
      await recordSharedTags([`handler:${target.dialect}`], undefined);
      tagsManifestModule.tagsManifest.delete(`handler:${target.dialect}`);
      await syncSharedTags();
      expect(tagsManifestModule.tagsManifest.get(`handler:${target.dialect}`)?.expired).toBeGreaterThanOrEqual(before);
    });
  });
}
