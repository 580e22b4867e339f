import type { MetadataRoute } from "next";
import { env } from "@/env.js";
import { getCategories, getEssaySummaries, getTags } from "@/lib/content/essays";

export default function sitemap(): MetadataRoute.Sitemap {
  const site = env.SITE_URL;
  const essays = getEssaySummaries();
  const newest = essays[0] ? new Date(essays[0].updated ?? essays[0].date) : undefined;
  return [
    { url: `${site}/`, lastModified: newest, changeFrequency: "weekly", priority: 1 },
    { url: `${site}/archive`, lastModified: newest },
    { url: `${site}/tags`, lastModified: newest },
    ...essays.map((essay) => ({ url: `${site}${essay.path}`, lastModified: new Date(essay.updated ?? essay.date), priority: 0.8 })),
    ...getCategories().map((category) => ({ url: `${site}/${category.name}` })),
    ...getTags().map((tag) => ({ url: `${site}/tags/${tag.slug}` })),
  ];
}
