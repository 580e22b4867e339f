import type { Metadata } from "next";
import { getTags } from "@/lib/content/essays";
import { siteAlternates } from "@/lib/seo/alternates";

export const metadata: Metadata = {
  title: "Tags",
  description: "Every tag, with how many essays carry it.",
  alternates: siteAlternates("/tags"),
};

export default function TagsPage() {
  const tags = getTags();
  return (
    <>
      <h1 className="page-title">Tags</h1>
      <p className="page-intro">{tags.length} tags. Each has its own page and Atom feed.</p>
      <ul className="tag-cloud">
        {tags.map((tag) => (
          <li key={tag.slug}>
            <a href={`/tags/${tag.slug}`}>{tag.name}</a>{" "}
            <span className="count">
              ({tag.count}
              <span className="visually-hidden"> essay{tag.count === 1 ? "" : "s"}</span>)
            </span>
          </li>
        ))}
      </ul>
    </>
  );
}
