import { getCategories, getEssays } from "@/lib/content/essays";
import { feedResponse } from "@/lib/feeds/build-feed";
import { siteConfig } from "@/site.config";

export const dynamicParams = false;

export function generateStaticParams() {
  return getCategories().map((category) => ({ section: category.name }));
}

export async function GET(_request: Request, { params }: { params: Promise<{ section: string }> }) {
  const { section } = await params;
  const essays = getEssays().filter((essay) => essay.category === section);
  return feedResponse({ title: `${siteConfig.title}: ${section}`, path: `/${section}`, essays }, `/${section}/feed.xml`, "atom");
}
