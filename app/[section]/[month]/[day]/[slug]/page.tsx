import type { Metadata } from "next";
import { notFound, permanentRedirect } from "next/navigation";
import { AdjacentEssays } from "@/components/adjacent-essays";
import { CommentSection } from "@/components/comments/comment-section";
import { EssayMeta } from "@/components/essay-meta";
import { PassageSelection } from "@/components/passages/passage-selection";
import { TableOfContents } from "@/components/table-of-contents";
import { TagLinks } from "@/components/tag-links";
import { env } from "@/env.js";
import { getCachedCommentCounts, getCachedPassageMarks } from "@/lib/comments/cached-queries";
import { loadThreadPage } from "@/lib/comments/thread-page";
import { essayParams, pathFromParams, type EssayParams } from "@/lib/content/essay-params";
import { getAdjacentEssays, getEssayByLegacyPath, getEssayByPath, getEssays, summarize } from "@/lib/content/essays";
import { currentRevision } from "@/lib/anchors/essay-revision";
import { renderEssay } from "@/lib/markdown/render-essay";
import { essayCommentsFeed, siteAlternates } from "@/lib/seo/alternates";
import { blogPostingJsonLd, serializeJsonLd } from "@/lib/seo/json-ld";
import { notFoundMetadata } from "@/lib/seo/not-found";

type Props = { params: Promise<EssayParams> };

// Essays are prerendered, thread included; a comment change invalidates the page's cache
// tag on every instance (docs/decisions/009). The hourly revalidation is only a safety net.
// Other four-segment addresses are looked up on request (old /YYYY/MM/DD/slug addresses
// redirect, the rest get the 404 page).
export const dynamicParams = true;
export const revalidate = 3600;

export function generateStaticParams(): EssayParams[] {
  return getEssays().map(essayParams);
}

export async function generateMetadata({ params }: Props): Promise<Metadata> {
  const essay = getEssayByPath(pathFromParams(await params));
  // An old address redirects before anything is shown; any other unknown one is the 404 page.
  if (!essay) return notFoundMetadata;
  return {
    title: essay.title,
    description: essay.description,
    authors: [{ name: essay.author }],
    keywords: essay.tags.map((tag) => tag.name),
    alternates: siteAlternates(
      essay.path,
      essay.comments === "hidden" ? undefined : essayCommentsFeed(essay),
    ),
    openGraph: {
      type: "article",
      title: essay.title,
      description: essay.subtitle ?? essay.description,
      url: essay.path,
      publishedTime: essay.date,
      modifiedTime: essay.updated ?? essay.date,
      authors: [essay.author],
      section: essay.category,
      tags: essay.tags.map((tag) => tag.name),
    },
    twitter: { card: "summary_large_image", title: essay.title, description: essay.subtitle ?? essay.description },
  };
}

export default async function EssayPage({ params }: Props) {
  const path = pathFromParams(await params);
  const essay = getEssayByPath(path);
  if (!essay) {
    const moved = getEssayByLegacyPath(path);
    if (moved) permanentRedirect(moved.path);
    notFound();
  }
  // Passages (issue 15): each block carries the id its revision gave it.
  const revision = await currentRevision(essay);
  const marks = essay.comments === "hidden" ? [] : await getCachedPassageMarks(essay.path, revision.id);
  const { content, headings } = await renderEssay(
    essay,
    revision.blocks.map((block) => block.id),
    marks,
    essay.comments === "open",
  );
  const { newer, older } = getAdjacentEssays(essay.path);
  const commentCount = essay.comments === "hidden" ? undefined : ((await getCachedCommentCounts())[essay.path] ?? 0);
  // The first page of the thread, oldest first; the rest are at <essay>/comments/N (decision 016).
  const thread = essay.comments === "hidden" ? undefined : await loadThreadPage(essay.path, { order: "oldest", page: 1 });

  return (
    <>
    <article className="essay" aria-labelledby="essay-title">
      <script type="application/ld+json" dangerouslySetInnerHTML={{ __html: serializeJsonLd(blogPostingJsonLd(summarize(essay), env.SITE_URL)) }} />
      <header className="essay-header">
        <p className="kicker">
          <a href={`/${essay.category}`}>{essay.category}</a>
        </p>
        <h1 id="essay-title" className="essay-title">
          {essay.title}
        </h1>
        {essay.subtitle && <p className="essay-subtitle">{essay.subtitle}</p>}
        <p className="meta byline">By {essay.author}</p>
        <EssayMeta essay={summarize(essay)} commentCount={commentCount} />
      </header>
      <TableOfContents headings={headings} />
      {(marks.length > 0 || essay.comments === "open") && (
        <p className="passage-toggle">
          <input type="checkbox" id="show-passages" />
          <label htmlFor="show-passages">
            {essay.comments === "open" ? "Show passages: shade the ones readers responded to, and a “Respond” link after each paragraph" : "Shade the passages readers responded to"}
          </label>
        </p>
      )}
      <div className="prose" data-revision={revision.id}>
        {content}
      </div>
      <footer className="essay-footer">
        {essay.updated && (
          <p>
            Updated <time dateTime={essay.updated.slice(0, 10)}>{essay.updated.slice(0, 10)}</time>
          </p>
        )}
        <TagLinks tags={essay.tags} />
        <AdjacentEssays newer={newer} older={older} />
      </footer>
    </article>
    {essay.comments === "open" && <PassageSelection essayPath={essay.path} />}
    {thread && "rows" in thread && <CommentSection essay={essay} thread={thread} />}
    </>
  );
}
