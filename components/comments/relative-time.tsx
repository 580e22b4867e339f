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

/**
 * The absolute time is in the static HTML (it never goes stale); the relative one
 * ("3 hours ago") is added in the browser, where "now" is known.
 */
export function RelativeTime({ iso }: { iso: string }) {
  const now = useNow();
  const exact = absolute.format(new Date(iso));
  return (
    <time dateTime={iso} title={exact}>
      {now === undefined ? exact : `${relativeFrom(iso, now)} · ${exact}`}
    </time>
  );
}
