import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { EssayIndex, pageCount } from "@/components/essay-index";
import { siteAlternates } from "@/lib/seo/alternates";

type Props = { params: Promise<{ page: string }> };

export const dynamicParams = false;

export function generateStaticParams() {
  return Array.from({ length: Math.max(0, pageCount() - 1) }, (_, i) => ({ page: String(i + 2) }));
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const { page } = await params;
  return { title: `Essays, page ${page}`, alternates: siteAlternates(`/page/${page}`) };
}

export default async function EssayPage({ params }: Props) {
  const { page } = await params;
  const number = Number(page);
  if (number === 1) permanentRedirect("/");
  if (!Number.isInteger(number) || number < 1 || number > pageCount()) notFound();
  return <EssayIndex page={number} />;
}
