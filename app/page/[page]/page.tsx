import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { EssayIndex, pageCount } from "@/components/essay-index";
import { siteAlternates } from "@/lib/seo/alternates";
import { notFoundMetadata } from "@/lib/seo/not-found";

type Props = { params: Promise<{ page: string }> };

export const dynamicParams = false;

/** A page of the index after the first: "2" up to the last page. */
const isPageNumber = (page: string) => /^[1-9]\d*$/.test(page) && Number(page) >= 2 && Number(page) <= pageCount();

export function generateStaticParams() {
  return Array.from({ length: Math.max(0, pageCount() - 1) }, (_, i) => ({ page: String(i + 2) }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { page } = await params;
  if (!isPageNumber(page)) return notFoundMetadata;
  return { title: `Essays, page ${page}`, alternates: siteAlternates(`/page/${page}`) };
}

export default async function EssayPage({ params }: Props) {
  const { page } = await params;
  if (page === "1") permanentRedirect("/");
  if (!isPageNumber(page)) notFound();
  const number = Number(page);
  return <EssayIndex page={number} />;
}
