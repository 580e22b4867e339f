"use client";

import { useNow } from "@/lib/hooks/client-state";

const absolute = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
  timeZoneName: "short",
});
const relative = new Intl.RelativeTimeFormat("en", { numeric: "auto" });

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["year", 365 * 24 * 3600],
  ["month", 30 * 24 * 3600],
  ["week", 7 * 24 * 3600],
  ["day", 24 * 3600],
  ["hour", 3600],
  ["minute", 60],
];

export function relativeFrom(iso: string, now: number): string {
  const seconds = Math.round((new Date(iso).getTime() - now) / 1000);
  for (const [unit, size] of UNITS) {
    if (Math.abs(seconds) >= size) return relative.format(Math.round(seconds / size), unit);
  }
  return "just now";
}

/** "Posted 4 Dec 2026, 18:05 UTC · edited 5 Dec 2026, 09:12 UTC": what the hover and focus reveal. */
export function exactTimes(createdAt: string, editedAt: string | null): string {
  const posted = `Posted ${absolute.format(new Date(createdAt))}`;
  return editedAt ? `${posted} · edited ${absolute.format(new Date(editedAt))}` : posted;
}

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
        {now === undefined ? absolute.format(new Date(createdAt)) : relativeFrom(createdAt, now)}
        {editedAt && <span className="comment-edited"> · edited</span>}
      </time>
      <span id={exactId} className="comment-time-exact">
        {exactTimes(createdAt, editedAt)}
      </span>
    </a>
  );
}
