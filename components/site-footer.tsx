import { siteConfig } from "@/site.config";

export function SiteFooter() {
  return (
    <footer className="site-footer">
      <p>
        {siteConfig.title} · essays by {siteConfig.defaultAuthor}
      </p>
      <ul aria-label="Feeds">
        <li>
          <a href="/feed.xml">Atom feed</a>
        </li>
        <li>
          <a href="/rss.xml">RSS</a>
        </li>
        <li>
          <a href="/feed.json">JSON Feed</a>
        </li>
      </ul>
    </footer>
  );
}
