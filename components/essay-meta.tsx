import type { EssaySummary } from "@/lib/content/essays";
import { FormattedDate } from "./formatted-date";
import { TagLinks } from "./tag-links";

/** Date, reading time and tags: the line under a title in lists and on the essay. */
export function EssayMeta({ essay, commentCount }: { essay: EssaySummary; commentCount?: number }) {
  return (
    <ul className="meta">
      <li>
        <FormattedDate iso={essay.date} />
      </li>
      <li>{essay.readingMinutes} min read</li>
      {commentCount !== undefined && (
        <li>
          <a href={`${essay.path}#comments`} className="comment-count">
            {commentCount} {commentCount === 1 ? "comment" : "comments"}
          </a>
        </li>
      )}
      {essay.tags.length > 0 && (
        <li>
          <TagLinks tags={essay.tags} />
        </li>
      )}
    </ul>
  );
}
