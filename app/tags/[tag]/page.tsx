import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EssayList } from "@/components/essay-list";
import { getEssaysByTag, getTags } from "@/lib/content/essays";
import { siteAlternates } from "@/lib/seo/alternates";
import { notFoundMetadata } from "@/lib/seo/not-found";

type Props = { params: Promise<{ tag: string }> };

export const dynamicParams = false;

export function generateStaticParams() {
  return getTags().map((tag) => ({ tag: tag.slug }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = getEssaysByTag((await params).tag);
  if (!found) return notFoundMetadata;
  const { tag } = found;
  return {
    title: `Essays tagged ${tag.name}`,
    description: `Every essay tagged ${tag.name}.`,
    alternates: siteAlternates(`/tags/${tag.slug}`, { url: `/tags/${tag.slug}/feed.xml`, title: `Essays tagged ${tag.name} (Atom)` }),
  };
}

export default async function TagPage({ params }: Props) {
  const found = getEssaysByTag((await params).tag);
  if (!found) notFound();
  const { tag, essays } = found;
  return (
    <>
      <h1 className="page-title">Essays tagged “{tag.name}”</h1>
      <p className="page-intro">
        {essays.length} essay{essays.length === 1 ? "" : "s"} · <a href={`/tags/${tag.slug}/feed.xml`}>Atom feed for this tag</a>
      </p>
      <EssayList essays={essays} />
    </>
  );
}
