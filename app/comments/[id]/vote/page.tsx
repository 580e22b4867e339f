import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { BackToComment } from "@/components/comments/back-to-comment";
import { getCommentById } from "@/db/queries/comments";
import { commentIdSchema } from "@/lib/comments/validation";
import { isVoteRefusalKey, VOTE_REFUSAL_MESSAGES } from "@/lib/comments/vote-return";
import { getEssayByPath } from "@/lib/content/essays";

export const metadata: Metadata = { title: "Your vote was not counted", robots: { index: false } };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ refused?: string | string[] }> };

/**
 * Where a plain vote form (no JavaScript) lands when the vote is refused (decision 037): what
 * was wrong, in words, and the way back to the comment. The reason is a key in the address,
 * never free text, so nobody can make this page say something else.
 */
export default async function VoteRefusedPage({ params, searchParams }: Props) {
  const id = commentIdSchema.safeParse((await params).id);
  const { refused } = await searchParams;
  if (!id.success || !isVoteRefusalKey(refused)) notFound();
  const comment = refused === "not-found" ? undefined : await getCommentById({ id: id.data });
  const essay = comment ? getEssayByPath(comment.essayPath) : undefined;
  return (
    <div className="narrow">
      {essay && comment ? <BackToComment essay={essay} commentId={comment.id} /> : null}
      <h1 className="page-title">Your vote was not counted</h1>
      <p role="alert" className="form-error">
        {VOTE_REFUSAL_MESSAGES[refused]}
      </p>
      <p>{essay && comment ? <a href={`/comments/${comment.id}`}>Back to the comment</a> : <a href="/">Read the essays</a>}</p>
    </div>
  );
}
