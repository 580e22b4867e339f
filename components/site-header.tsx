import Link from "next/link";
import { siteConfig } from "@/site.config";
import { AccountLink } from "./auth/account-link";
import { ThemeToggle } from "./theme-script";

export function SiteHeader() {
  return (
    <header className="site-header">
      <Link href="/" className="site-title">
        {siteConfig.title}
      </Link>
      <nav className="site-nav" aria-label="Site">
        <ul>
          <li>
            <Link href="/">Essays</Link>
          </li>
          <li>
            <Link href="/archive">Archive</Link>
          </li>
          <li>
            <Link href="/tags">Tags</Link>
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
