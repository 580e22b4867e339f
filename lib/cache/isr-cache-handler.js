// Next's own file-system ISR cache, with tag invalidations shared across instances
// (lib/cache/shared-tags.js). Pages and their files stay where Next puts them; only
// "which tags were invalidated when" goes through the database.
import fileSystemCacheModule from "next/dist/server/lib/incremental-cache/file-system-cache.js";
import { recordSharedTags, syncSharedTags } from "./shared-tags.js";

const FileSystemCache = fileSystemCacheModule.default;

export default class SharedTagsCacheHandler extends FileSystemCache {
  /** @param {Parameters<FileSystemCache["get"]>} args */
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
