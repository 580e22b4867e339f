import type { Metadata } from "next";
import { siteConfig } from "@/site.config";

type Alternates = NonNullable<Metadata["alternates"]>;

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
