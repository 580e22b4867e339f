import type { Metadata } from "next";
import { notFound, redirect } from "next/navigation";
import { getCommentById } from "@/db/queries/comments";
import { commentHref } from "@/lib/comments/thread-page";
import { commentIdSchema } from "@/lib/comments/validation";
import { getEssayByPath } from "@/lib/content/essays";
import { notFoundMetadata } from "@/lib/seo/not-found";

// This address only ever redirects or answers 404, so its title is the 404 page's.
export const metadata: Metadata = notFoundMetadata;

/**
 * A comment's lasting address, used wherever a link leaves the page (e-mails, feeds, the
 * moderation pages): it finds the page of the thread that holds the comment today, since a
 * growing conversation can move to a later page (docs/decisions/016).
 */
export default async function CommentPermalink({ params }: { params: Promise<{ id: string }> }) {
  const id = commentIdSchema.safeParse((await params).id);
  if (!id.success) notFound();
  const comment = await getCommentById({ id: id.data });
  const essay = comment ? getEssayByPath(comment.essayPath) : undefined;
  if (!comment || !essay || essay.comments === "hidden") notFound();
  redirect(await commentHref(comment));
}
