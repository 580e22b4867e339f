/**
 * Cache tags for pages that show comments. Essay pages are static; posting, editing or
 * deleting a comment invalidates these tags (on every instance: lib/cache/shared-tags.js).
 */
export const threadTag = (essayPath: string) => `comments:${essayPath}`;
export const COMMENT_COUNTS_TAG = "comment-counts";
/** The votes of a thread: a vote re-renders its pages without reading the comments again. */
export const threadVotesTag = (essayPath: string) => `votes:${essayPath}`;
