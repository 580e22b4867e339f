import type { Metadata } from "next";
import { EssayIndex } from "@/components/essay-index";
import { siteAlternates } from "@/lib/seo/alternates";

export const metadata: Metadata = { alternates: siteAlternates("/") };

export default function HomePage() {
  return <EssayIndex page={1} />;
}
