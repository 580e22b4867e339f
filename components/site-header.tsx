import { siteConfig } from "@/site.config";
import { AccountMenu } from "./auth/account-menu";
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
            <AccountMenu />
          </li>
          <li>
            <ThemeToggle />
          </li>
        </ul>
      </nav>
    </header>
  );
}
