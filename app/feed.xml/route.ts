import { feedResponse, siteScope } from "@/lib/feeds/build-feed";

export const dynamic = "force-static";

export function GET() {
  return feedResponse(siteScope(), "/feed.xml", "atom");
}
