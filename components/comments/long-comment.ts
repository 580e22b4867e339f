// Which comments the thread shows folded (decision 031). Pure and decided from the stored HTML,
// so the server's HTML and the hydrated page fold the same comments: nothing moves on load.

/** About 25 lines of a comment at the thread's full width, 50 on a phone. */
export const FOLD_CHARACTERS = 2_000;
/** A list of many short lines is as tall as a long text. */
export const FOLD_BLOCKS = 20;

/** Whether a comment's sanitized HTML is long enough to show folded, with "Show all". */
export function isLongComment(html: string): boolean {
  const blocks = html.match(/<(p|li|pre|blockquote|br)\b/g)?.length ?? 0;
  if (blocks > FOLD_BLOCKS) return true;
  // Text as read: tags and the entities' spelling left out.
  const text = html.replace(/<[^>]*>/g, "").replace(/&(#\d+|#x[\da-f]+|\w+);/gi, "_");
  return text.length > FOLD_CHARACTERS;
}
