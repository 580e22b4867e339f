// The cache handler Next uses for pages and cached queries (lib/cache/isr-cache-handler.js), run
// against Next's own file-system cache with its memory store: no database, so invalidations stay
// in this process's tag map, exactly as on one instance.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { nodeFs } from "next/dist/server/lib/node-fs-methods.js";
import { afterAll, describe, expect, it } from "vitest";
import SharedTagsCacheHandler from "@/lib/cache/isr-cache-handler.js";

const dir = mkdtempSync(path.join(tmpdir(), "essays-isr-cache-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const handler = new SharedTagsCacheHandler({
  fs: nodeFs,
  serverDistDir: path.join(dir, "server"),
  revalidatedTags: [],
  maxMemoryCacheSize: 8 * 1024 * 1024,
} as unknown as ConstructorParameters<typeof SharedTagsCacheHandler>[0]);

type Handler = { get(...args: unknown[]): Promise<unknown>; set(...args: unknown[]): Promise<unknown>; revalidateTag(tags: string[]): Promise<void> };
const cache = handler as unknown as Handler;
const tick = () => new Promise((resolve) => setTimeout(resolve, 5));

/** A cached query's rows, as unstable_cache stores them. */
const queryContext = (tag: string) => ({ kind: "FETCH", tags: [tag], softTags: [] });
const queryRows = (rows: string[]) => ({ kind: "FETCH", data: { headers: {}, body: JSON.stringify(rows), status: 200, url: "" }, revalidate: 31_536_000 });
/** A rendered page tagged with its thread, as Next stores an ISR page. */
const pageEntry = (tag: string, html: string) => ({
  kind: "APP_PAGE",
  html,
  rscData: Buffer.from("payload"),
  headers: { "x-next-cache-tags": tag },
  status: 200,
  postponed: undefined,
  segmentData: undefined,
});

describe("the page and query cache", () => {
  it("keeps a query's rows read after the last invalidation", async () => {
    const key = "rows-after";
    expect(await cache.get(key, queryContext("thread:a"))).toBeNull();
    await cache.revalidateTag(["thread:a"]);
    await tick();
    expect(await cache.get(key, queryContext("thread:a"))).toBeNull();
    await cache.set(key, queryRows(["first comment"]), { fetchCache: true, tags: ["thread:a"] });
    expect(await cache.get(key, queryContext("thread:a"))).toMatchObject({ value: { data: { body: '["first comment"]' } } });
  });

  it("expires rows whose read began before an invalidation that came while it ran", async () => {
    const key = "rows-in-flight";
    // The read finds nothing: the query runs and reads the comments…
    expect(await cache.get(key, queryContext("thread:b"))).toBeNull();
    await tick();
    // …a comment is deleted and its thread invalidated while the query is still under way…
    await cache.revalidateTag(["thread:b"]);
    await tick();
    // …and the rows it read, from before the deletion, are stored after it.
    await cache.set(key, queryRows(["the deleted comment"]), { fetchCache: true, tags: ["thread:b"] });
    expect(await cache.get(key, queryContext("thread:b"))).toBeNull();
    // The next read renders again, from after the deletion, and that is kept.
    await cache.set(key, queryRows([]), { fetchCache: true, tags: ["thread:b"] });
    expect(await cache.get(key, queryContext("thread:b"))).toMatchObject({ value: { data: { body: "[]" } } });
  });

  it("renders a page again when its thread was invalidated during its render", async () => {
    const key = "/essay-in-flight";
    const context = { kind: "APP_PAGE", isRoutePPREnabled: false, isFallback: false };
    expect(await cache.get(key, context)).toBeNull();
    await tick();
    await cache.revalidateTag(["thread:c"]);
    await tick();
    await cache.set(key, pageEntry("thread:c", "<p>the deleted comment</p>"), { cacheControl: { revalidate: false }, isRoutePPREnabled: false, isFallback: false });
    expect(await cache.get(key, context)).toBeNull();
    await cache.set(key, pageEntry("thread:c", "<p>[deleted]</p>"), { cacheControl: { revalidate: false }, isRoutePPREnabled: false, isFallback: false });
    expect(await cache.get(key, context)).toMatchObject({ value: { html: "<p>[deleted]</p>" } });
  });
});
