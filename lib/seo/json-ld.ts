import type { EssaySummary } from "@/lib/content/essays";
import { siteConfig } from "@/site.config";

/** schema.org BlogPosting for an essay page. */
export function blogPostingJsonLd(essay: EssaySummary, siteUrl: string) {
  const url = `${siteUrl}${essay.path}`;
  return {
    "@context": "https://schema.org",
    "@type": "BlogPosting",
    headline: essay.title,
    ...(essay.subtitle ? { alternativeHeadline: essay.subtitle } : {}),
    description: essay.description,
    datePublished: essay.date,
    dateModified: essay.updated ?? essay.date,
    author: { "@type": "Person", name: essay.author },
    publisher: { "@type": "Organization", name: siteConfig.title, url: siteUrl },
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    url,
    image: `${url}/opengraph-image`,
    keywords: essay.tags.map((tag) => tag.name).join(", "),
    articleSection: essay.category,
    inLanguage: siteConfig.language,
  };
}

/** JSON for a <script> element: "<" escaped so the text can never close the element. */
export function serializeJsonLd(value: unknown): string {
  return JSON.stringify(value).replace(/</g, "\\u003c");
}
