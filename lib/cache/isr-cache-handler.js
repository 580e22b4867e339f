// Next's own file-system ISR cache, with tag invalidations shared across instances
// (lib/cache/shared-tags.js). Pages and their files stay where Next puts them; only
// "which tags were invalidated when" goes through the database.
import * as fileSystemCacheModule from "next/dist/server/lib/incremental-cache/file-system-cache.js";
import { recordSharedTags, syncSharedTags } from "./shared-tags.js";

// A CommonJS module, loaded two ways: Node's ESM import (next start) hands over module.exports as
// `default`, whose own `default` is the class; Next also bundles this handler into proxy.ts's
// bundle, where `default` is the class itself. The types describe the second view.
const loaded = /** @type {{ default: unknown }} */ (fileSystemCacheModule).default;
const FileSystemCache = /** @type {typeof fileSystemCacheModule.default} */ (
  typeof loaded === "function" ? loaded : /** @type {{ default: unknown }} */ (loaded).default
);

// Above this many characters a cached page is handed to Next as bytes (decision 043). Next sends a
// string page with one `res.end(string)`, and Node's write of a string whose UTF-8 is over ~64 KB
// costs several times the write of the same bytes (measured: a 141 KB thread page 650 req/s as a
// string, 4,000 as a Buffer, in plain Node). Next streams a Buffer instead, which costs a little
// more for small pages, so the essay without comments stays a string.
const LARGE_PAGE_CHARS = 64 * 1024;

/**
 * @param {unknown} value a cache entry's value
 * @returns {value is { kind: "APP_PAGE"; html: string }}
 */
function isLargeStringPage(value) {
  const page = /** @type {{ kind?: unknown; html?: unknown } | null | undefined} */ (value);
  return page?.kind === "APP_PAGE" && typeof page.html === "string" && page.html.length > LARGE_PAGE_CHARS;
}

// Typed as a string, but Next's RenderResult takes a Buffer as well (render-result.js).
const asBytes = (/** @type {string} */ html) => /** @type {string} */ (/** @type {unknown} */ (Buffer.from(html)));

// When the render now under way for a key began: the moment its cache read found nothing. A render
// reads the database after that moment, so a tag invalidated later (a comment deleted while a slow
// render of its thread was in flight) must still expire what the render stores. Next stamps an entry
// with the time it is stored, which would hide that invalidation until the next one (decision 046).
/** @type {Map<string, number>} */
const renderStarts = new Map();
// Bounds the map if reads that found nothing are never followed by a store (a render that failed).
const MAX_RENDERS_TRACKED = 10_000;
// Next's memory cache, shared by every handler instance (a private static of FileSystemCache).
const memoryCache = () =>
  /** @type {{ memoryCache?: { get(key: string): { lastModified: number } | undefined } }} */ (/** @type {unknown} */ (FileSystemCache))
    .memoryCache;

/**
 * @param {string} key
 * @param {number} startedAt
 */
function noteRenderStart(key, startedAt) {
  renderStarts.delete(key);
  if (renderStarts.size >= MAX_RENDERS_TRACKED) renderStarts.delete(/** @type {string} */ (renderStarts.keys().next().value));
  renderStarts.set(key, startedAt);
}

export default class SharedTagsCacheHandler extends FileSystemCache {
  /**
   * Rendered pages stay in memory and the build's files on disk stay as built (decision 009):
   * decided here rather than with the `isrFlushToDisk` experiment, which `next start` lists
   * under "Experiments" at every start as if something were wrong. After a restart, a page
   * older than a recorded invalidation is rendered again.
   * @param {ConstructorParameters<typeof FileSystemCache>[0]} options
   */
  constructor(options) {
    super({ ...options, flushToDisk: false });
  }

  /** @param {Parameters<InstanceType<typeof FileSystemCache>["get"]>} args */
  async get(...args) {
    const startedAt = Date.now();
    await syncSharedTags();
    const data = await super.get(...args);
    if (!data) noteRenderStart(args[0], startedAt);
    // A page read from the build's files arrives as a string: encoded once, in place, since the
    // entry is the one in Next's memory cache, so later reads get the bytes.
    const value = data?.value;
    if (isLargeStringPage(value)) value.html = asBytes(value.html);
    return data;
  }

  /** @param {Parameters<InstanceType<typeof FileSystemCache>["set"]>} args */
  async set(...args) {
    const [key, data, ctx] = args;
    // A page rendered at run time is encoded as it is stored, so the render (the first read) pays
    // for it, not the first read served from the cache. A copy: Next still holds the object it passed.
    await super.set(key, isLargeStringPage(data) ? { ...data, html: asBytes(data.html) } : data, ctx);
    const startedAt = renderStarts.get(key);
    renderStarts.delete(key);
    // Dated from the render's start: an invalidation recorded while it ran expires it on the next read.
    const entry = startedAt === undefined ? undefined : memoryCache()?.get(key);
    if (entry && startedAt !== undefined) entry.lastModified = Math.min(entry.lastModified, startedAt);
  }

  /**
   * @param {string | string[]} tags
   * @param {{ expire?: number }} [durations]
   */
  async revalidateTag(tags, durations) {
    const list = typeof tags === "string" ? [tags] : tags;
    await super.revalidateTag(list, durations);
    await recordSharedTags(list, durations);
  }
}
