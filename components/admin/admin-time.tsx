const formatter = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  timeZone: "UTC",
});

/** A moment as moderators compare them: date and time, in UTC like the rest of the site. */
export function AdminTime({ date }: { date: Date }) {
  return <time dateTime={date.toISOString()}>{formatter.format(date)} UTC</time>;
}
