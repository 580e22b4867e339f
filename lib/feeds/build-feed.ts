import { Feed } from "feed";
import { env } from "@/env.js";
import { getEssays, type Essay } from "@/lib/content/essays";
import { essayHtml } from "@/lib/markdown/essay-html";
import { siteConfig } from "@/site.config";

export type FeedScope = { title: string; path: string; essays: Essay[] };

/** The whole site's feed: every published essay, newest first. */
export function siteScope(): FeedScope {
  return { title: siteConfig.title, path: "/", essays: getEssays() };
}

/**
 * One Feed object for a list of essays, with each essay's full HTML. Feeds are
 * built with the `feed` library so escaping and each format's rules are its job.
 */
export async function buildFeed(scope: FeedScope, selfPath: string): Promise<Feed> {
  const site = env.SITE_URL;
  const newest = scope.essays[0];
  const feed = new Feed({
    id: `${site}${scope.path}`,
    title: scope.title,
    description: siteConfig.description,
    link: `${site}${scope.path}`,
    language: siteConfig.language,
    favicon: `${site}/icon.svg`,
    copyright: `© ${siteConfig.defaultAuthor}`,
    updated: newest ? new Date(newest.updated ?? newest.date) : new Date(0),
    generator: false,
    feedLinks: { atom: `${site}${selfPath}` },
    author: { name: siteConfig.defaultAuthor, link: site },
  });
  const contents = await Promise.all(scope.essays.map((essay) => essayHtml(essay)));
  scope.essays.forEach((essay, index) => {
    const url = `${site}${essay.path}`;
    feed.addItem({
      id: url,
      guid: url,
      link: url,
      title: essay.subtitle ? `${essay.title}: ${essay.subtitle}` : essay.title,
      description: essay.description,
      content: contents[index],
      date: new Date(essay.updated ?? essay.date),
      published: new Date(essay.date),
      author: [{ name: essay.author }],
      category: essay.tags.map((tag) => ({ name: tag.name, term: tag.slug, domain: `${site}/tags/${tag.slug}` })),
    });
  });
  return feed;
}

/** The `feed` library writes JSON Feed 1; this lifts it to 1.1 (authors array, language). */
export function toJsonFeed11(json1: string): string {
  const data = JSON.parse(json1) as Record<string, unknown> & { items?: Record<string, unknown>[] };
  const lift = (item: Record<string, unknown>) => {
    const { author, ...rest } = item;
    return author ? { ...rest, authors: [author] } : rest;
  };
  return JSON.stringify(
    {
      ...lift(data),
      version: "https://jsonfeed.org/version/1.1",
      language: siteConfig.language,
      items: (data.items ?? []).map(lift),
    },
    null,
    2,
  );
}

const types = {
  atom: "application/atom+xml; charset=utf-8",
  rss: "application/rss+xml; charset=utf-8",
  json: "application/feed+json; charset=utf-8",
};

export async function feedResponse(scope: FeedScope, selfPath: string, format: keyof typeof types): Promise<Response> {
  const feed = await buildFeed(scope, selfPath);
  const body = format === "atom" ? feed.atom1() : format === "rss" ? feed.rss2() : toJsonFeed11(feed.json1());
  return new Response(body, { headers: { "Content-Type": types[format] } });
}
