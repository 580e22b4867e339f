/** The parts of an essay an address can be built from. */
export type PermalinkParts = { category: string; slug: string; date: Date };

const TOKENS = [":category", ":YYYY", ":MM", ":DD", ":slug"] as const;

const twoDigits = (value: number) => String(value).padStart(2, "0");

/**
 * Builds an essay's address from the site's pattern, e.g. "/:category/:MM/:DD/:slug".
 * Dates are read in UTC so an address never depends on the server's time zone.
 */
export function buildPermalink(pattern: string, { category, slug, date }: PermalinkParts): string {
  return pattern
    .replaceAll(":category", category)
    .replaceAll(":YYYY", String(date.getUTCFullYear()))
    .replaceAll(":MM", twoDigits(date.getUTCMonth() + 1))
    .replaceAll(":DD", twoDigits(date.getUTCDate()))
    .replaceAll(":slug", slug);
}

/** The old blog's address, /<YYYY>/<MM>/<DD>/<slug>, which redirects to the essay. */
export function buildLegacyPath(parts: PermalinkParts): string {
  return buildPermalink("/:YYYY/:MM/:DD/:slug", parts);
}

/** Throws when a pattern cannot be served by the four-segment essay route. */
export function assertPermalinkPattern(pattern: string): void {
  const segments = pattern.split("/").slice(1);
  const problems: string[] = [];
  if (!pattern.startsWith("/")) problems.push("it must start with /");
  if (segments.length !== 4) problems.push("it must have exactly four segments, like /:category/:MM/:DD/:slug");
  if (!pattern.includes(":slug")) problems.push("it must contain :slug so that every essay gets its own address");
  const unknown = pattern.match(/:[A-Za-z]+/g)?.filter((token) => !TOKENS.includes(token as (typeof TOKENS)[number]));
  if (unknown?.length) problems.push(`unknown token(s) ${unknown.join(", ")}; known: ${TOKENS.join(", ")}`);
  if (problems.length) {
    throw new Error(`site.config.ts permalinkPattern "${pattern}" is not usable: ${problems.join("; ")}.`);
  }
}

/** Normalises a request path for lookups: no trailing slash, lower-case. */
export function normalizePath(path: string): string {
  const trimmed = path.replace(/\/+$/, "");
  return (trimmed === "" ? "/" : trimmed).toLowerCase();
}
