import type { Metadata } from "next";
import { notFound } from "next/navigation";
import { CommentForm } from "@/components/comments/comment-form";
import { getCommentDraftByToken } from "@/db/queries/comment-drafts";
import { readViewer } from "@/lib/auth/session-user";
import { DRAFT_TOKEN, draftHref } from "@/lib/comments/no-js-return";
import { commentPermalink } from "@/lib/comments/permalink";
import { getEssayByPath } from "@/lib/content/essays";

export const metadata: Metadata = { title: "Your comment", robots: { index: false } };

/**
 * Where the sign-in link of a post refused for being signed out leads back to: the text the
 * reader wrote, in the form, ready to post (decision 033). Works without JavaScript.
 */
export default async function DraftPage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const draft = DRAFT_TOKEN.test(token) ? await getCommentDraftByToken({ token }) : undefined;
  const essay = draft ? getEssayByPath(draft.essayPath) : undefined;
  if (!draft || !essay) notFound();
  const back = draft.parentId === null ? `${essay.path}#comments` : commentPermalink(draft.parentId);
  const reply = draft.parentId !== null;
  const signedIn = Boolean(await readViewer());
  return (
    <div className="narrow">
      <p className="kicker-link">
        <a href={back}>← Back to “{essay.title}”</a>
      </p>
      <h1 className="page-title">{reply ? "Your reply" : "Your comment"}</h1>
      {signedIn ? (
        <p className="page-intro">Here is what you wrote on “{essay.title}”. Post it as it is, or change it first.</p>
      ) : (
        <p className="page-intro">
          Your text is kept here for a day. <a href={`/sign-in?callbackUrl=${encodeURIComponent(draftHref(token))}`}>Sign in</a> to post it.
        </p>
      )}
      <CommentForm
        essayPath={essay.path}
        parentId={draft.parentId ?? undefined}
        draft={draft.body}
        label={reply ? "Your reply" : "Join the conversation"}
        submitLabel={reply ? "Post reply" : "Post comment"}
      />
    </div>
  );
}
