import type { EssaySummary } from "./essays";

export type EssayParams = { section: string; month: string; day: string; slug: string };

/** The four route segments of an essay's address (the route is app/[section]/[month]/[day]/[slug]). */
export function essayParams(essay: Pick<EssaySummary, "path">): EssayParams {
  const [section = "", month = "", day = "", slug = ""] = essay.path.split("/").slice(1);
  return { section, month, day, slug };
}

export function pathFromParams({ section, month, day, slug }: EssayParams): string {
  return `/${[section, month, day, slug].map((segment) => decodeURIComponent(segment)).join("/")}`;
}
