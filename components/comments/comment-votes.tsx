"use client";

import { Fragment, useState, type MouseEvent, type ReactNode } from "react";
import type { ThreadRow, VoteCounts } from "@/lib/comments/cached-queries";
import { VALUED_BADGE_MIN } from "@/lib/comments/ranking";
import { readVoteButton, voteButtonValue } from "@/lib/comments/vote-button";
import type { OwnVote, PrivateTally } from "@/lib/comments/viewer-vote-state";
import { useViewer } from "../viewer-context";

// Two votes apart on every comment (decision 037): value (▲ worth reading / ▼ not useful, with a
// reason) and stance (agree / disagree). Without JavaScript each button submits the thread's one
// vote form (VoteForm, by its form attribute: decision 038) and the reader comes back to the
// comment; with it, the same choice is sent as JSON, the button changes at once and changes back
// if the vote is refused.

/** The thread page's one plain vote form; every vote button names its comment and choice. */
export const VOTE_FORM_ID = "vote-form";

const REASONS = [
  ["off-topic", "Off-topic"],
  ["repetitive", "Repetitive"],
  ["no-argument", "No argument"],
] as const;

export type VoteContext = {
  essayPath: string;
  mine: Record<number, OwnVote>;
  tallies: Map<number, PrivateTally>;
  weighs: boolean;
  /** After a stance is cast: the reader may now see the split, so their state is asked again. */
  reload: () => void;
};

type Axis = "value" | "stance";
type Props = { comment: ThreadRow; context: VoteContext };

export function CommentVotes({ comment, context }: Props) {
  const { viewer } = useViewer();
  const server = context.mine[comment.id] ?? {};
  const [override, setOverride] = useState<OwnVote | null>(null);
  const [message, setMessage] = useState<{ text: string; error?: boolean } | null>(null);
  const mine = override ?? server;
  const own = viewer.signedIn && viewer.id === comment.authorId;
  const counts = shownCounts(comment, context.tallies.get(comment.id), server, mine, context.weighs);

  async function submit(event: MouseEvent<HTMLButtonElement>) {
    // Signed out, the plain form goes on to the server, which sends the reader to sign in.
    if (!viewer.signedIn) return;
    event.preventDefault();
    const button = event.currentTarget;
    const { choice: value = "", reason } = readVoteButton(button.value) as { choice?: string; reason?: OwnVote["reason"] };
    const axis: Axis = value === "agree" || value === "disagree" ? "stance" : "value";
    const before = mine;
    const taken = axis === "value" ? before.value === value && (value !== "down" || before.reason === reason) : before.stance === value;
    const next: OwnVote =
      axis === "value"
        ? { ...before, value: taken ? undefined : (value as OwnVote["value"]), reason: taken || value !== "down" ? undefined : reason }
        : { ...before, stance: taken ? undefined : (value as OwnVote["stance"]) };
    setOverride(next);
    setMessage(null);
    button.closest("details")?.removeAttribute("open");
    try {
      const response = await fetch("/api/comments/votes", {
        method: "POST",
        headers: { "Content-Type": "application/json", Accept: "application/json" },
        body: JSON.stringify({ commentId: comment.id, essayPath: context.essayPath, axis, value: taken ? "none" : value, reason: taken ? undefined : reason }),
      });
      const body = (await response.json().catch(() => ({}))) as { error?: string; counts?: boolean };
      if (!response.ok) throw new Error(body.error ?? "Your vote could not be saved. Try again.");
      setMessage({ text: announcement(axis, taken ? null : value, reason, body.counts !== false) });
      if (axis === "stance") context.reload();
    } catch (error) {
      setOverride(before);
      setMessage({ text: error instanceof TypeError ? "Your vote could not be sent: check your connection and try again." : (error as Error).message, error: true });
    }
  }

  const pressed = (choice: string) => (choice === mine.value || choice === mine.stance ? "true" : "false");
  const subject = `the comment by ${comment.authorName}`;
  // No form of its own: the buttons name the comment and the choice (lib/comments/validation.ts
  // parseVoteForm), so a page of comments carries no per-comment fields. Styled as
  // `.vote-forms button`, submit by default: every byte here is repeated on every comment.
  const button = (choice: string, label: ReactNode, isPressed: string) => (
    <button form={VOTE_FORM_ID} name="vote" value={voteButtonValue(comment.id, choice)} aria-pressed={isPressed === "true"} onClick={submit}>
      {label}
    </button>
  );

  return (
    <div className="comment-votes" data-author={comment.authorId ?? undefined}>
      <VoteFigures commentId={comment.id} counts={counts} hidden={comment.votesHidden === true} own={own} />
      {/* A retracted comment takes no new votes (its author no longer stands by it); its figures stay. */}
      {!own && !comment.retraction && (
        <div className="vote-forms" role="group" aria-label={`Your votes on ${subject}`}>
          {button("up", <><span aria-hidden="true">▲ </span>Worth reading</>, pressed("up"))}
          <details className="vote-down">
            <summary data-vote={voteButtonValue(comment.id, "down")} data-pressed={mine.value === "down" ? "" : undefined}>
              <span aria-hidden="true">▼ </span>Not useful{mine.value === "down" && mine.reason ? `: ${REASONS.find(([key]) => key === mine.reason)?.[1].toLowerCase()}` : ""}
            </summary>
            <div className="vote-reasons" role="group" aria-labelledby={`vote-reason-${comment.id}`}>
              <p id={`vote-reason-${comment.id}`}>Why not useful? (Disagreeing is a stance, not a ▼.)</p>
              {REASONS.map(([key, label]) => (
                <Fragment key={key}>{button(`down:${key}`, label, mine.value === "down" && mine.reason === key ? "true" : "false")}</Fragment>
              ))}
            </div>
          </details>
          <span className="vote-stance">
            {button("agree", "Agree", pressed("agree"))}
            {button("disagree", "Disagree", pressed("disagree"))}
          </span>
        </div>
      )}
      <p className={message?.error ? "form-error vote-message" : "visually-hidden"} role={message?.error ? "alert" : "status"}>
        {message?.text}
      </p>
    </div>
  );
}

const NO_COUNTS: VoteCounts = { up: 0, down: 0, agree: 0, disagree: 0, upFromDisagreers: 0 };

type Shown = { value?: Pick<VoteCounts, "up" | "down">; split?: Pick<VoteCounts, "agree" | "disagree">; valuedBy?: number };

/**
 * What the reader may see of a comment's tally: everyone's once its window has passed; during
 * it, the author's own and, after a stance, the split. The reader's vote since the page was
 * made is added to the page's figures when it weighs (their account is old enough).
 */
function shownCounts(comment: ThreadRow, tally: PrivateTally | undefined, server: OwnVote, mine: OwnVote, weighs: boolean): Shown {
  const adjust = (count: number, choice: string) =>
    count + (weighs ? Number(mine.value === choice || mine.stance === choice) - Number(server.value === choice || server.stance === choice) : 0);
  // A comment whose scores are shown but that nobody has voted on yet carries no counts: the
  // reader's first vote on it starts them from zero.
  const unvoted = !comment.votesHidden && (mine.value || mine.stance) ? NO_COUNTS : undefined;
  const base = comment.votes ?? (tally?.kind === "own" ? tally.counts : unvoted);
  if (base) {
    return {
      value: { up: adjust(base.up, "up"), down: adjust(base.down, "down") },
      split: { agree: adjust(base.agree, "agree"), disagree: adjust(base.disagree, "disagree") },
      valuedBy: base.upFromDisagreers,
    };
  }
  if (tally?.kind === "split" && mine.stance) return { split: { agree: adjust(tally.agree, "agree"), disagree: adjust(tally.disagree, "disagree") } };
  return {};
}

function VoteFigures({ commentId, counts, hidden, own }: { commentId: number; counts: Shown; hidden: boolean; own: boolean }) {
  const parts: string[] = [];
  if (counts.value) parts.push(`${counts.value.up} worth reading`, `${counts.value.down} not useful`);
  if (counts.split) parts.push(`${counts.split.agree} agree`, `${counts.split.disagree} disagree`);
  const valued = (counts.valuedBy ?? 0) >= VALUED_BADGE_MIN;
  return (
    <p className="vote-figures">
      {valued && <span className="valued-badge">{`Valued by ${counts.valuedBy} who disagree`}</span>}
      {parts.length > 0 ? (
        <span>{`${own && hidden ? "Only you see these for now: " : ""}${parts.join(" · ")}`}</span>
      ) : hidden ? (
        // Filled in by /api/me/votes.css for the author or a reader who took a stance, without JavaScript.
        <span className="vote-private" data-comment={commentId}>
          <span className="vote-hidden-note">Votes on a new comment are hidden for a while, so that nobody follows the crowd.</span>
        </span>
      ) : null}
    </p>
  );
}

function announcement(axis: Axis, value: string | null, reason: string | undefined, counts: boolean): string {
  const later = counts ? "" : " It will count once your account is old enough.";
  if (value === null) return `Your ${axis === "value" ? "vote" : "stance"} is taken back.`;
  if (axis === "stance") return `You ${value} with this comment.${later}`;
  return `${value === "up" ? "Marked worth reading" : `Marked not useful (${reason?.replace("-", " ")})`}.${later}`;
}

/** The form every vote button on the page submits without JavaScript: where it goes and comes back to. */
export function VoteForm({ essayPath, returnTo }: { essayPath: string; returnTo: string }) {
  return (
    <form id={VOTE_FORM_ID} method="post" action="/api/comments/votes" hidden>
      <input type="hidden" name="essayPath" value={essayPath} />
      <input type="hidden" name="returnTo" value={returnTo} />
    </form>
  );
}
