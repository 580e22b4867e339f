// How the thread writes moments, shared by the server (retraction notes, pages) and the
// client clock (CommentTime). No "use client": a server component may call these.

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

/** "4 Dec 2026, 18:05 UTC": a moment as the thread writes it everywhere. */
export const exactTime = (iso: string): string => absolute.format(new Date(iso));

/** "Posted 4 Dec 2026, 18:05 UTC · edited 5 Dec 2026, 09:12 UTC": what the hover and focus reveal. */
export function exactTimes(createdAt: string, editedAt: string | null): string {
  const posted = `Posted ${exactTime(createdAt)}`;
  return editedAt ? `${posted} · edited ${exactTime(editedAt)}` : posted;
}
