import path from "node:path";
import { env } from "@/env.js";
import { siteConfig } from "@/site.config";
import { assertPermalinkPattern, normalizePath } from "./permalink";
import { loadEssays, type Essay, type Tag } from "./load-essays";

export type { Essay, Tag };

/** What lists, feeds and cards need: everything but the body. */
export type EssaySummary = Omit<Essay, "body">;

let cache: Essay[] | undefined;

/**
 * Every published essay, newest first, read once per process (the build and
 * the server read content/ only at start). Drafts only under `next dev`.
 */
export function getEssays(): Essay[] {
  if (!cache) {
    assertPermalinkPattern(siteConfig.permalinkPattern);
    cache = loadEssays({
      dir: path.resolve(env.CONTENT_DIR),
      includeDrafts: env.NODE_ENV === "development",
      permalinkPattern: siteConfig.permalinkPattern,
      defaultAuthor: siteConfig.defaultAuthor,
    });
  }
  return cache;
}

export function summarize({ body: _body, ...summary }: Essay): EssaySummary {
  return summary;
}

export function getEssaySummaries(): EssaySummary[] {
  return getEssays().map(summarize);
}

export function getEssayByPath(requestPath: string): Essay | undefined {
  const wanted = normalizePath(requestPath);
  return getEssays().find((essay) => essay.path === wanted);
}

export function getEssayByLegacyPath(requestPath: string): Essay | undefined {
  const wanted = normalizePath(requestPath);
  return getEssays().find((essay) => essay.legacyPath === wanted);
}

export function getEssaysByCategory(category: string): EssaySummary[] {
  return getEssaySummaries().filter((essay) => essay.category === category);
}

export function getCategories(): { name: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const essay of getEssays()) counts.set(essay.category, (counts.get(essay.category) ?? 0) + 1);
  return [...counts].map(([name, count]) => ({ name, count })).sort((a, b) => a.name.localeCompare(b.name));
}

export function getTags(): (Tag & { count: number })[] {
  const tags = new Map<string, Tag & { count: number }>();
  for (const essay of getEssays()) {
    for (const tag of essay.tags) {
      const known = tags.get(tag.slug);
      tags.set(tag.slug, { ...(known ?? tag), count: (known?.count ?? 0) + 1 });
    }
  }
  return [...tags.values()].sort((a, b) => b.count - a.count || a.name.localeCompare(b.name));
}

export function getEssaysByTag(tagSlug: string): { tag: Tag; essays: EssaySummary[] } | undefined {
  const essays = getEssaySummaries().filter((essay) => essay.tags.some((tag) => tag.slug === tagSlug));
  const tag = essays[0]?.tags.find((t) => t.slug === tagSlug);
  return tag ? { tag, essays } : undefined;
}

/** The essays either side in time: `newer` was published after this one. */
export function getAdjacentEssays(essayPath: string): { newer?: EssaySummary; older?: EssaySummary } {
  const essays = getEssays();
  const index = essays.findIndex((essay) => essay.path === essayPath);
  if (index === -1) return {};
  const newer = essays[index - 1];
  const older = essays[index + 1];
  return { newer: newer && summarize(newer), older: older && summarize(older) };
}

/** Essays grouped by year, newest year first. */
export function getArchive(): { year: number; essays: EssaySummary[] }[] {
  const years = new Map<number, EssaySummary[]>();
  for (const essay of getEssaySummaries()) {
    const year = new Date(essay.date).getUTCFullYear();
    years.set(year, [...(years.get(year) ?? []), essay]);
  }
  return [...years].map(([year, essays]) => ({ year, essays })).sort((a, b) => b.year - a.year);
}
