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
  // Re-rendered pages stay in memory; the build's files on disk stay as built. After a
  // restart, a page older than a recorded invalidation is rendered again (see 009).
  experimental: { isrFlushToDisk: false },
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
