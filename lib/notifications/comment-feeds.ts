import "server-only";
import { Feed } from "feed";
import { unstable_cache } from "next/cache";
import { listRecentPublishedComments, type FeedComment } from "@/db/queries/comment-feeds";
import { env } from "@/env.js";
import { commentPermalink } from "@/lib/comments/permalink";
import { COMMENT_COUNTS_TAG, threadTag } from "@/lib/comments/cache-tags";
import { getEssayByPath, getEssays } from "@/lib/content/essays";
import { siteConfig } from "@/site.config";

// Atom feeds of comments: a way to follow conversations without e-mail. Cached like the essay
// pages (docs/decisions/009): a comment change invalidates the same shared tags, on every instance.

/** A feed entry as the cache stores it (JSON: dates as ISO strings). */
type CachedComment = Omit<FeedComment, "createdAt" | "editedAt"> & { createdAt: string; editedAt: string | null };

export const ESSAY_FEED_LIMIT = 100;
export const SITE_FEED_LIMIT = 50;

const toCached = (rows: FeedComment[]): CachedComment[] =>
  rows.map((row) => ({
    ...row,
    createdAt: new Date(row.createdAt).toISOString(),
    editedAt: row.editedAt ? new Date(row.editedAt).toISOString() : null,
  }));

/** Essays whose comments readers can see: the only ones a feed may show comments of. */
export const essaysWithVisibleComments = () => getEssays().filter((essay) => essay.comments !== "hidden");

/** One essay's newest comments; invalidated with its thread (threadTag). */
export function getCachedEssayComments(essayPath: string): Promise<CachedComment[]> {
  return unstable_cache(
    async () => toCached(await listRecentPublishedComments({ essayPath, limit: ESSAY_FEED_LIMIT })),
    ["comment-feed", essayPath],
    { tags: [threadTag(essayPath)] },
  )();
}

/** The newest comments site-wide; every comment change also invalidates COMMENT_COUNTS_TAG. */
export function getCachedRecentComments(): Promise<CachedComment[]> {
  return unstable_cache(
    async () =>
      toCached(
        await listRecentPublishedComments({
          essayPaths: essaysWithVisibleComments().map((essay) => essay.path),
          limit: SITE_FEED_LIMIT,
        }),
      ),
    ["comment-feed", "site"],
    { tags: [COMMENT_COUNTS_TAG] },
  )();
}

/** An Atom response; the `feed` library does the escaping, as in lib/feeds/build-feed.ts. */
export function commentFeedResponse({
  title,
  pagePath,
  selfPath,
  comments,
}: {
  title: string;
  pagePath: string;
  selfPath: string;
  comments: CachedComment[];
}): Response {
  const site = env.SITE_URL;
  const newest = comments[0];
  const feed = new Feed({
    id: `${site}${selfPath}`,
    title,
    description: `Comments on ${siteConfig.title}`,
    link: `${site}${pagePath}`,
    language: siteConfig.language,
    favicon: `${site}/icon.svg`,
    copyright: `© the commenters`,
    updated: newest ? new Date(newest.editedAt ?? newest.createdAt) : new Date(0),
    generator: false,
    feedLinks: { atom: `${site}${selfPath}` },
  });
  for (const comment of comments) {
    // The id stays what it has always been, so feed readers never see an entry twice; the
    // link is the lasting address, which finds the comment's page of the thread.
    const id = `${site}${comment.essayPath}#comment-${comment.id}`;
    const essayTitle = getEssayByPath(comment.essayPath)?.title ?? comment.essayPath;
    feed.addItem({
      id,
      guid: id,
      link: `${site}${commentPermalink(comment.id)}`,
      title: `${comment.authorName} on “${essayTitle}”`,
      content: comment.bodyHtml,
      date: new Date(comment.editedAt ?? comment.createdAt),
      published: new Date(comment.createdAt),
      author: [{ name: comment.authorName }],
    });
  }
  return new Response(feed.atom1(), { headers: { "Content-Type": "application/atom+xml; charset=utf-8" } });
}
