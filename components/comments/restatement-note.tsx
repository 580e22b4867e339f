"use client";

import dynamic from "next/dynamic";
import { useState } from "react";
import type { ThreadRow } from "@/lib/comments/cached-queries";

// Loaded when first opened: only the person whose view was restated ever sees it.
const RestatementAnswerForm = dynamic(() => import("./restatement-answer-form").then((m) => m.RestatementAnswerForm), { ssr: false });

type Props = {
  commentId: number;
  disagreement: NonNullable<ThreadRow["disagreement"]>;
  /** The author of the comment this reply answers. */
  answeredName: string;
  answeredId: string | null;
  /** The viewer wrote the comment answered (known with JavaScript; without it, see NoScript below). */
  canAnswer: boolean;
};

/**
 * Above a disagreeing reply (decision 041): that it disagrees, its one-sentence restatement of
 * the view it answers, and that view's author's answer. A reply that skipped the restatement
 * shows only that it disagrees: skipping is marked neither as good nor as bad.
 */
export function RestatementNote({ commentId, disagreement, answeredName, answeredId, canAnswer }: Props) {
  const [answering, setAnswering] = useState(false);
  const { restatement, answer } = disagreement;
  return (
    <div className="restatement">
      <p className="restatement-label">{`Disagrees with ${answeredName}`}</p>
      {restatement && (
        <blockquote className="restatement-text">
          <p>{`You’re saying that ${restatement}`}</p>
        </blockquote>
      )}
      {restatement && answer?.verdict === "confirmed" && (
        <p className="restatement-answer restatement-confirmed">
          <strong>{`${answeredName}: “Yes, that’s my view.”`}</strong>
        </p>
      )}
      {restatement && answer?.verdict === "not-quite" && (
        <p className="restatement-answer">
          <strong>{`${answeredName}: “Not quite.”`}</strong> {answer.correction}
        </p>
      )}
      {restatement && !answer && canAnswer && (
        <p className="restatement-ask">
          <a
            href={`/comments/${commentId}/restatement`}
            onClick={(event) => {
              event.preventDefault();
              setAnswering(!answering);
            }}
            aria-expanded={answering}
          >
            Is this your view? Answer
          </a>
        </p>
      )}
      {restatement && !answer && !canAnswer && answeredId && (
        // Without JavaScript: shown by /api/me/no-script.css to the person answered only (decision 033).
        <noscript data-own-links="">
          <span className="nojs-own" data-author={answeredId}>
            <a href={`/comments/${commentId}/restatement`}>Is this your view? Answer</a>
          </span>
        </noscript>
      )}
      {answering && <RestatementAnswerForm commentId={commentId} onCancel={() => setAnswering(false)} />}
    </div>
  );
}
