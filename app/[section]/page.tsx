import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { EssayList } from "@/components/essay-list";
import { getCategories, getEssaysByCategory } from "@/lib/content/essays";
import { siteAlternates } from "@/lib/seo/alternates";
import { notFoundMetadata } from "@/lib/seo/not-found";

type Props = { params: Promise<{ section: string }> };

export const dynamicParams = false;

export function generateStaticParams() {
  return getCategories().map((category) => ({ section: category.name }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { section } = await params;
  if (getEssaysByCategory(section).length === 0) return notFoundMetadata;
  return {
    title: `Essays in ${section}`,
    description: `Every essay filed under ${section}.`,
    alternates: siteAlternates(`/${section}`, { url: `/${section}/feed.xml`, title: `Essays in ${section} (Atom)` }),
  };
}

export default async function CategoryPage({ params }: Props) {
  const { section } = await params;
  const essays = getEssaysByCategory(section);
  if (essays.length === 0) notFound();
  return (
    <>
      <h1 className="page-title">Essays in {section}</h1>
      <p className="page-intro">
        {essays.length} essay{essays.length === 1 ? "" : "s"} · <a href={`/${section}/feed.xml`}>Atom feed for {section}</a>
      </p>
      <EssayList essays={essays} />
    </>
  );
}
