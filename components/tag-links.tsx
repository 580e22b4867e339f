import type { Tag } from "@/lib/content/essays";

export function TagLinks({ tags }: { tags: Tag[] }) {
  if (tags.length === 0) return null;
  return (
    <ul className="tag-list" aria-label="Tags">
      {tags.map((tag) => (
        <li key={tag.slug}>
          <a href={`/tags/${tag.slug}`}>{tag.name}</a>
        </li>
      ))}
    </ul>
  );
}
