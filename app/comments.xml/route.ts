import { commentFeedResponse, getCachedRecentComments, SITE_FEED_LIMIT } from "@/lib/notifications/comment-feeds";
import { siteConfig } from "@/site.config";

// Static, invalidated through COMMENT_COUNTS_TAG by every comment change (docs/decisions/009).
export const dynamic = "force-static";
export const revalidate = 3600;

export async function GET() {
  return commentFeedResponse({
    title: `${siteConfig.title}: the latest ${SITE_FEED_LIMIT} comments`,
    pagePath: "/",
    selfPath: "/comments.xml",
    comments: await getCachedRecentComments(),
  });
}
