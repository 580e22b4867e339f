import type { Metadata } from "next";
import { notFound, permanentRedirect, redirect } from "next/navigation";
import { CommentSection } from "@/components/comments/comment-section";
import { parseThreadPageSegments, threadPageHref } from "@/lib/comments/pagination";
import { loadThreadPage } from "@/lib/comments/thread-page";
import { pathFromParams, type EssayParams } from "@/lib/content/essay-params";
import { getEssayByPath } from "@/lib/content/essays";
import { essayCommentsFeed, siteAlternates } from "@/lib/seo/alternates";
import { notFoundMetadata } from "@/lib/seo/not-found";

type Props = { params: Promise<EssayParams & { page: string[] }> };

// The thread's later pages, and every page newest first: rendered on their first request and
// then served static like the essay, invalidated by the same tag when a comment changes
// (docs/decisions/009 and 015).
export const dynamicParams = true;
export const revalidate = 3600;

export function generateStaticParams(): { page: string[] }[] {
  return [];
}

async function resolve(params: Props["params"]) {
  const { page, ...essayParams } = await params;
  const essay = getEssayByPath(pathFromParams(essayParams));
  const at = parseThreadPageSegments(page);
  if (!essay || essay.comments === "hidden" || !at) return undefined;
  return { essay, at };
}

const ORDER_TITLES = { oldest: "", newest: "newest first, ", best: "best first, ", valued: "valued across disagreement, " } as const;

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const found = await resolve(params);
  if (!found) return notFoundMetadata;
  const { essay, at } = found;
  const order = ORDER_TITLES[at.order];
  return {
    title: `Comments on “${essay.title}” (${order}page ${at.page})`,
    description: `Readers’ conversation about “${essay.title}”.`,
    // The other orders repeat the same comments: one copy, oldest first, is indexed.
    robots: at.order !== "oldest" ? { index: false, follow: true } : undefined,
    alternates: siteAlternates(threadPageHref(essay.path, at), essayCommentsFeed(essay)),
  };
}

export default async function ThreadPageRoute({ params }: Props) {
  const found = await resolve(params);
  if (!found) notFound();
  const { essay, at } = found;
  // "/comments/1" is the essay itself; "/comments/02" is "/comments/2".
  if (!at.canonical) permanentRedirect(threadPageHref(essay.path, at));
  const thread = await loadThreadPage(essay.path, at);
  // A link to a page that no longer exists (comments were removed) leads to the last one.
  if (!("rows" in thread)) redirect(threadPageHref(essay.path, { order: at.order, page: thread.lastPage }));

  return (
    <>
      <header className="thread-page-header">
        <p className="kicker">
          <a href={`/${essay.category}`}>{essay.category}</a>
        </p>
        <h1 className="thread-page-title">
          Comments on <a href={essay.path}>“{essay.title}”</a>
        </h1>
        <p className="thread-page-meta">
          {`An essay by ${essay.author}. `}
          <a href={essay.path}>Read the essay</a>
        </p>
      </header>
      <CommentSection essay={essay} thread={thread} />
    </>
  );
}
