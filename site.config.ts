// Site settings in one place. The public base URL is not here: it comes from
// SITE_URL (env.js) because it differs per deployment.
export const siteConfig = {
  title: "Social Memory Complex",
  description:
    "Long-form essays on politics, pluralism and the dialogue that lets people who disagree live side by side.",
  defaultAuthor: "Jeremy Weiland",
  language: "en",
  /**
   * Where an essay lives. Tokens: :category, :YYYY, :MM, :DD, :slug. It must have four
   * segments, the shape of the app/[section]/[month]/[day]/[slug] route; the route
   * looks an essay up by its whole path, so any order of tokens works.
   */
  permalinkPattern: "/:category/:MM/:DD/:slug",
  /** Essays per page on the home page. */
  pageSize: 10,
} as const;

export type SiteConfig = typeof siteConfig;
