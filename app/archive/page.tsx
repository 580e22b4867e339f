import type { Metadata } from "next";
import { getArchive } from "@/lib/content/essays";
import { siteAlternates } from "@/lib/seo/alternates";

export const metadata: Metadata = {
  title: "Archive",
  description: "Every essay, by year.",
  alternates: siteAlternates("/archive"),
};

const dayMonth = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", timeZone: "UTC" });

export default function ArchivePage() {
  const years = getArchive();
  return (
    <>
      <h1 className="page-title">Archive</h1>
      <p className="page-intro">Every essay, newest first.</p>
      {years.map(({ year, essays }) => (
        <section key={year} className="archive-year" aria-labelledby={`year-${year}`}>
          <h2 id={`year-${year}`}>{year}</h2>
          <ol>
            {essays.map((essay) => (
              <li key={essay.path}>
                <time dateTime={essay.date.slice(0, 10)}>{dayMonth.format(new Date(essay.date))}</time>
                <a href={essay.path}>{essay.title}</a>
              </li>
            ))}
          </ol>
        </section>
      ))}
    </>
  );
}
