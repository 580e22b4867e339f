import { getEssays, getTags } from "@/lib/content/essays";
import { feedResponse } from "@/lib/feeds/build-feed";
import { siteConfig } from "@/site.config";

export const dynamicParams = false;

export function generateStaticParams() {
  return getTags().map((tag) => ({ tag: tag.slug }));
}

export async function GET(_request: Request, { params }: { params: Promise<{ tag: string }> }) {
  const { tag } = await params;
  const essays = getEssays().filter((essay) => essay.tags.some((t) => t.slug === tag));
  const name = essays[0]?.tags.find((t) => t.slug === tag)?.name ?? tag;
  return feedResponse({ title: `${siteConfig.title}: essays tagged ${name}`, path: `/tags/${tag}`, essays }, `/tags/${tag}/feed.xml`, "atom");
}
