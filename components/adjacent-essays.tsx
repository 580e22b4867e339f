import type { EssaySummary } from "@/lib/content/essays";

export function AdjacentEssays({ newer, older }: { newer?: EssaySummary; older?: EssaySummary }) {
  if (!newer && !older) return null;
  return (
    <nav aria-label="More essays">
      <ul className="adjacent">
        {newer && (
          <li className="newer">
            <span className="label">Next essay</span>
            <a href={newer.path} rel="next">
              {newer.title}
            </a>
          </li>
        )}
        {older && (
          <li className="older">
            <span className="label">Previous essay</span>
            <a href={older.path} rel="prev">
              {older.title}
            </a>
          </li>
        )}
      </ul>
    </nav>
  );
}
