// Next's own file-system ISR cache, with tag invalidations shared across instances
// (lib/cache/shared-tags.js). Pages and their files stay where Next puts them; only
// "which tags were invalidated when" goes through the database.
import fileSystemCacheModule from "next/dist/server/lib/incremental-cache/file-system-cache.js";
import { recordSharedTags, syncSharedTags } from "./shared-tags.js";

// A CommonJS module: Node's ESM import hands over module.exports, whose `default` is the class
// (the types describe the transpiled ESM view, hence the cast).
const FileSystemCache = /** @type {{ default: typeof fileSystemCacheModule }} */ (/** @type {unknown} */ (fileSystemCacheModule)).default;

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
    await syncSharedTags();
    return super.get(...args);
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
