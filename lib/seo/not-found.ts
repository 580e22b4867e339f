import type { Metadata } from "next";

/**
 * The metadata of the one 404 page. app/not-found.tsx uses it, and so does every
 * `generateMetadata` that can meet an unknown address: when a page calls `notFound()`,
 * Next keeps the metadata its route already resolved (an empty object gives the bare
 * site title), so those routes return this instead (docs/decisions/035).
 */
export const notFoundMetadata: Metadata = { title: "Page not found", robots: { index: false } };
