const WORDS_PER_MINUTE = 230;

/** Minutes to read a Markdown body, counting words of prose (not link targets or markup). */
export function readingMinutes(markdown: string): number {
  const prose = markdown
    .replace(/```[\s\S]*?```/g, " ")
    .replace(/\]\([^)]*\)/g, "]")
    .replace(/<[^>]+>/g, " ");
  const words = prose.match(/[\p{L}\p{N}’']+/gu)?.length ?? 0;
  return Math.max(1, Math.round(words / WORDS_PER_MINUTE));
}
