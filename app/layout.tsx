import type { Metadata, Viewport } from "next";
import localFont from "next/font/local";
import type { ReactNode } from "react";
import { SiteFooter } from "@/components/site-footer";
import { SiteHeader } from "@/components/site-header";
import { ThemeScript } from "@/components/theme-script";
import { ViewerProvider } from "@/components/viewer-context";
import { env } from "@/env.js";
import { siteAlternates } from "@/lib/seo/alternates";
import { siteConfig } from "@/site.config";
import "./globals.css";

// Self-hosted from an npm package: builds offline, no request to a font CDN.
const serif = localFont({
  src: [
    { path: "../node_modules/@fontsource-variable/source-serif-4/files/source-serif-4-latin-wght-normal.woff2", style: "normal" },
    { path: "../node_modules/@fontsource-variable/source-serif-4/files/source-serif-4-latin-wght-italic.woff2", style: "italic" },
  ],
  weight: "200 900",
  variable: "--serif",
  display: "swap",
});

export const metadata: Metadata = {
  metadataBase: new URL(env.SITE_URL),
  title: { default: siteConfig.title, template: `%s · ${siteConfig.title}` },
  description: siteConfig.description,
  applicationName: siteConfig.title,
  alternates: siteAlternates(),
  openGraph: { siteName: siteConfig.title, locale: "en_US", type: "website" },
  twitter: { card: "summary_large_image" },
};

export const viewport: Viewport = {
  themeColor: [
    { media: "(prefers-color-scheme: light)", color: "#fdfcf9" },
    { media: "(prefers-color-scheme: dark)", color: "#161513" },
  ],
};

export default function RootLayout({ children }: { children: ReactNode }) {
  return (
    // The theme script sets data-theme before React hydrates.
    <html lang={siteConfig.language} className={serif.variable} suppressHydrationWarning>
      <head>
        <ThemeScript />
        {/* Only a browser without JavaScript loads it: who is reading, for the static page (decision 033). */}
        <noscript>
          {/* Per reader and never cached, so it cannot be part of the bundled CSS. */}
          {/* eslint-disable-next-line @next/next/no-css-tags */}
          <link rel="stylesheet" href="/api/me/no-script.css" />
        </noscript>
      </head>
      <body>
        <ViewerProvider>
          <a className="skip-link" href="#content">
            Skip to content
          </a>
          <SiteHeader />
          <main id="content" tabIndex={-1}>
            {children}
          </main>
          <SiteFooter />
        </ViewerProvider>
      </body>
    </html>
  );
}
