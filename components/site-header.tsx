import { siteConfig } from "@/site.config";
import { AccountLink } from "./auth/account-link";
import { ThemeToggle } from "./theme-script";

export function SiteHeader() {
  return (
    <header className="site-header">
      <a href="/" className="site-title">
        {siteConfig.title}
      </a>
      <nav className="site-nav" aria-label="Site">
        <ul>
          <li>
            <a href="/">Essays</a>
          </li>
          <li>
            <a href="/archive">Archive</a>
          </li>
          <li>
            <a href="/tags">Tags</a>
          </li>
          <li>
            <AccountLink />
          </li>
          <li>
            <ThemeToggle />
          </li>
        </ul>
      </nav>
    </header>
  );
}
