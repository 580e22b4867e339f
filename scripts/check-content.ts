// Checks content/ the way the production build reads it (no drafts): front matter, addresses,
// and internal links that lead to no page. `npm run build` runs it with --build first.
import path from "node:path";
import { env } from "../env.js";
import { findBrokenInternalLinks } from "../lib/content/check-links";
import { ContentError, loadEssays, type Essay } from "../lib/content/load-essays";
import { assertPermalinkPattern } from "../lib/content/permalink";
import { knownSitePaths } from "../lib/content/site-paths";
import { siteConfig } from "../site.config";

const FLAGS = {
  "--strict": "exit 1 when an internal link is broken",
  "--build": "warn only and exit 0; runs before next build",
};

type Mode = "report" | "strict" | "build";

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

function parseMode(args: string[]): Mode | string {
  const accepted = `accepted: ${Object.entries(FLAGS).map(([flag, what]) => `${flag} (${what})`).join(", ")}`;
  const unknown = args.filter((arg) => !(arg in FLAGS));
  if (unknown.length > 0) return `check-content: unknown flag${unknown.length === 1 ? "" : "s"} ${unknown.join(", ")}; ${accepted}.`;
  if (args.includes("--strict") && args.includes("--build")) {
    return "check-content: --strict and --build contradict each other (fail or only warn); give one.";
  }
  return args.includes("--strict") ? "strict" : args.includes("--build") ? "build" : "report";
}

/** The essays production publishes, or the message of a writer's mistake (already file by file). */
function loadPublishedEssays(): Essay[] | string {
  try {
    assertPermalinkPattern(siteConfig.permalinkPattern);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  try {
    return loadEssays({
      dir: path.resolve(env.CONTENT_DIR),
      includeDrafts: false,
      permalinkPattern: siteConfig.permalinkPattern,
      defaultAuthor: siteConfig.defaultAuthor,
    });
  } catch (error) {
    // Anything else is a bug in this code, and its stack trace is wanted.
    if (error instanceof ContentError) return error.message;
    throw error;
  }
}

function main(args: string[]): number {
  const mode = parseMode(args);
  if (mode !== "report" && mode !== "strict" && mode !== "build") {
    console.error(mode);
    return 2;
  }

  const essays = loadPublishedEssays();
  if (typeof essays === "string") {
    console.error(essays);
    return 1;
  }

  const known = knownSitePaths(essays, { publicDir: path.resolve("public"), pageSize: siteConfig.pageSize });
  const broken = findBrokenInternalLinks(essays, known, { siteUrl: env.SITE_URL });
  if (broken.length === 0) {
    console.log(`No broken internal links in ${plural(essays.length, "essay")}.`);
    return 0;
  }

  console.log(
    mode === "build"
      ? "warning: these internal links lead to no page on this site (the build goes on):"
      : "These internal links lead to no page on this site:",
  );
  for (const { file, link } of broken) console.log(`${file}: ${link}`);
  const files = new Set(broken.map(({ file }) => file)).size;
  console.log(
    `${plural(broken.length, "broken internal link")} in ${plural(files, "essay")} (${plural(essays.length, "essay")} checked).`,
  );
  return mode === "strict" ? 1 : 0;
}

process.exitCode = main(process.argv.slice(2));
