"use client";

import { useState } from "react";
import { isLongComment } from "./long-comment";

/**
 * A comment's text. A very long one shows its first lines with "Show all" (decision 031): the
 * whole text is always in the page (search, screen readers, find-in-page). Without JavaScript
 * "Show all" is a link to the text itself, which unfolds as the link's target (:target in CSS);
 * with it, the same link unfolds and folds the text in place, without touching the address.
 */
export function CommentBody({ commentId, html, authorName }: { commentId: number; html: string; authorName: string }) {
  const [open, setOpen] = useState(false);
  if (!isLongComment(html)) return <div className="comment-body" dangerouslySetInnerHTML={{ __html: html }} />;
  const textId = `comment-${commentId}-text`;
  return (
    <>
      <div
        id={textId}
        className={`comment-body comment-body-folded${open ? " comment-body-open" : ""}`}
        dangerouslySetInnerHTML={{ __html: html }}
      />
      <a
        href={`#${textId}`}
        className="comment-show-all"
        aria-controls={textId}
        aria-expanded={open}
        onClick={(event) => {
          event.preventDefault();
          setOpen(!open);
          // Folding a text read to its end would leave the reader far below it: bring the link back into view.
          const link = event.currentTarget;
          if (open) requestAnimationFrame(() => link.scrollIntoView({ block: "nearest" }));
        }}
      >
        {open ? "Show less" : "Show all"}
        <span className="visually-hidden">{` of the comment by ${authorName}`}</span>
      </a>
    </>
  );
}
