import type { Metadata } from "next";
import { siteConfig } from "@/site.config";

type Alternates = NonNullable<Metadata["alternates"]>;

/** An essay's own comment feed, as `siteAlternates` lists it (the essay and its thread pages). */
export const essayCommentsFeed = (essay: { path: string; title: string }) => ({
  url: `${essay.path}/comments.xml`,
  title: `Comments on “${essay.title}” (Atom)`,
});

/**
 * A page's canonical address plus its feeds. Next merges `alternates` shallowly,
 * so every page that sets a canonical repeats the site feeds through this helper.
 */
export function siteAlternates(canonical?: string, extraFeed?: { url: string; title: string }): Alternates {
  return {
    ...(canonical ? { canonical } : {}),
    types: {
      "application/atom+xml": [
        ...(extraFeed ? [extraFeed] : []),
        { url: "/feed.xml", title: `${siteConfig.title} (Atom)` },
      ],
      "application/rss+xml": [{ url: "/rss.xml", title: `${siteConfig.title} (RSS)` }],
      "application/feed+json": [{ url: "/feed.json", title: `${siteConfig.title} (JSON Feed)` }],
    },
  };
}
