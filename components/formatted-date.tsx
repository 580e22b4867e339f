const formatter = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "UTC" });

/** A date in words, with the machine-readable value beside it. */
export function FormattedDate({ iso }: { iso: string }) {
  return <time dateTime={iso.slice(0, 10)}>{formatter.format(new Date(iso))}</time>;
}
