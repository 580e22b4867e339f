import fs from "node:fs";
import path from "node:path";
import type { Essay } from "./load-essays";

/**
 * Addresses the site serves whatever the essays say: indexes, feeds, machine files, the icon
 * (app/icon.svg) and the sign-in and profile pages of the comment feature.
 */
const FIXED_PATHS = [
  "/",
  "/archive",
  "/tags",
  "/feed.xml",
  "/rss.xml",
  "/feed.json",
  "/sitemap.xml",
  "/robots.txt",
  "/icon.svg",
  "/sign-in",
  "/profile",
];

export type SitePathOptions = { publicDir: string; pageSize: number };

function publicFiles(publicDir: string): string[] {
  if (!fs.existsSync(publicDir)) return [];
  return fs
    .readdirSync(publicDir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => `/${path.relative(publicDir, path.join(entry.parentPath, entry.name)).split(path.sep).join("/")}`);
}

/**
 * Every address with a page, given the published essays: what an internal link may point to.
 * Mirrors the routes in app/; keep the two in step when a route is added.
 */
export function knownSitePaths(
  essays: Pick<Essay, "path" | "legacyPath" | "category" | "tags">[],
  { publicDir, pageSize }: SitePathOptions,
): Set<string> {
  const paths = new Set(FIXED_PATHS);
  for (const essay of essays) {
    // The legacy address redirects to the essay, so a link to it still lands on a page.
    paths.add(essay.path).add(essay.legacyPath);
    paths.add(`/${essay.category}`).add(`/${essay.category}/feed.xml`);
    for (const tag of essay.tags) paths.add(`/tags/${tag.slug}`).add(`/tags/${tag.slug}/feed.xml`);
  }
  // Page 1 is the home page: app/page/[page] only generates pages 2 and up (dynamicParams is off).
  const pages = Math.max(1, Math.ceil(essays.length / pageSize));
  for (let page = 2; page <= pages; page++) paths.add(`/page/${page}`);
  for (const file of publicFiles(publicDir)) paths.add(file);
  return paths;
}
