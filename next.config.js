// Validate the environment first: a bad variable fails the build with its name.
import { fileURLToPath } from "node:url";
import { env } from "./env.js";

/** @type {import("next").NextConfig} */
const nextConfig = {
  distDir: env.NEXT_DIST_DIR,
  poweredByHeader: false,
  // Next hashes the whole page for an ETag on every response: for an essay with a
  // thousand comments (2.4 MB of HTML) that hash costs more than serving it. Measured
  // with `npm run bench:comments`; see docs/decisions/009.
  generateEtags: false,
  reactStrictMode: true,
  // Native module: loaded by Node at run time, never bundled.
  serverExternalPackages: ["better-sqlite3"],
  // Comment threads live in statically generated pages; invalidating them on one instance
  // must reach every instance (docs/decisions/009-static-essays-with-live-threads.md).
  cacheHandler: fileURLToPath(new URL("./lib/cache/isr-cache-handler.js", import.meta.url)),
  // Rendered pages are kept in memory (the handler never writes them to disk, see 009), so the
  // memory cache must hold a long thread's pages: a 10,000-comment thread is ~34 MB of HTML and
  // payload, over Next's 50 MB default once the thread's data is counted (docs/decisions/023).
  cacheMaxMemorySize: env.CACHE_MEMORY_MB * 1024 * 1024,
  // Trailing slashes are redirected by proxy.ts, so an old-blog address reaches its essay in one hop (005).
  skipTrailingSlashRedirect: true,
  async headers() {
    return [
      {
        source: "/:path*",
        headers: [
          { key: "X-Content-Type-Options", value: "nosniff" },
          { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
          { key: "X-Frame-Options", value: "DENY" },
          { key: "Permissions-Policy", value: "camera=(), microphone=(), geolocation=()" },
        ],
      },
    ];
  },
};

export default nextConfig;
