import type { MetadataRoute } from "next";
import { env } from "@/env.js";

export default function robots(): MetadataRoute.Robots {
  return {
    rules: [{ userAgent: "*", allow: "/", disallow: ["/api/", "/profile", "/admin", "/sign-in"] }],
    sitemap: `${env.SITE_URL}/sitemap.xml`,
  };
}
