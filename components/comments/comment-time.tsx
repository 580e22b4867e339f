"use client";

import { exactTime, exactTimes, relativeFrom } from "@/lib/comments/time-format";
import { useNow } from "@/lib/hooks/client-state";

type Props = { commentId: number; createdAt: string; editedAt: string | null };

/**
 * The comment's one timestamp, which is also its permalink: when it was posted, with
 * "edited" folded in. The static HTML carries the exact time (it never goes stale); the
 * browser, where "now" is known, shows "3 hours ago" instead. The exact time(s) appear
 * on hover and on keyboard focus (CSS, so it works without JavaScript) and are the link's
 * accessible description (docs/decisions/034).
 */
export function CommentTime({ commentId, createdAt, editedAt }: Props) {
  const now = useNow();
  const exactId = `comment-${commentId}-time`;
  return (
    <a href={`#comment-${commentId}`} className="comment-permalink" aria-label="Link to this comment" aria-describedby={exactId}>
      <time dateTime={createdAt}>
        {now === undefined ? exactTime(createdAt) : relativeFrom(createdAt, now)}
        {editedAt && <span className="comment-edited"> · edited</span>}
      </time>
      <span id={exactId} className="comment-time-exact">
        {exactTimes(createdAt, editedAt)}
      </span>
    </a>
  );
}
