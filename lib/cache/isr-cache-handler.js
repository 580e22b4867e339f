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
