import fs from "node:fs";
import path from "node:path";
import { parse as parseYaml } from "yaml";
import { frontMatterSchema } from "./front-matter";
import { buildLegacyPath, buildPermalink, normalizePath } from "./permalink";
import { readingMinutes } from "./reading-time";
import { plainExcerpt } from "./excerpt";
import { splitFrontMatter } from "./split-front-matter";
import { slugifyTag } from "./tags";

export type Tag = { name: string; slug: string };

export type Essay = {
  /** Path relative to the working directory, for messages: content/foo.mdx */
  file: string;
  format: "md" | "mdx";
  slug: string;
  /** The essay's address on this site, e.g. /leftlibertarian/08/23/slug */
  path: string;
  /** The old blog's address, /YYYY/MM/DD/slug, which redirects here. */
  legacyPath: string;
  title: string;
  subtitle?: string;
  /** ISO 8601 timestamps. */
  date: string;
  updated?: string;
  category: string;
  tags: Tag[];
  description: string;
  author: string;
  draft: boolean;
  comments: "open" | "closed" | "hidden";
  body: string;
  readingMinutes: number;
};

export type ContentProblem = { file: string; field?: string; message: string };

/** Every problem found in content/, so a writer fixes them all in one go. */
export class ContentError extends Error {
  constructor(readonly problems: ContentProblem[]) {
    super(
      `The essays in content/ have ${problems.length} problem${problems.length === 1 ? "" : "s"}:\n` +
        problems.map((p) => `  ${p.file}${p.field ? ` › ${p.field}` : ""}: ${p.message}`).join("\n"),
    );
    this.name = "ContentError";
  }
}

export type LoadOptions = {
  dir: string;
  includeDrafts: boolean;
  permalinkPattern: string;
  defaultAuthor: string;
};

const ESSAY_EXTENSIONS = new Set([".md", ".mdx"]);

function listFiles(dir: string): string[] {
  if (!fs.existsSync(dir)) {
    throw new ContentError([{ file: dir, message: "the content folder does not exist; create it and add an .mdx essay" }]);
  }
  return fs
    .readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.startsWith("."))
    .map((entry) => path.join(entry.parentPath, entry.name))
    .sort();
}

function parseEssay(file: string, source: string, options: LoadOptions, problems: ContentProblem[]): Essay | undefined {
  const split = splitFrontMatter(source);
  if (!split.ok) {
    problems.push({ file, field: "front matter", message: split.message });
    return undefined;
  }
  let fields: unknown;
  try {
    // The `yaml` package keeps dates as text, so the schema can refuse 2010-02-30 (a parser that
    // makes Date objects rolls it over to 2 March before we can check it).
    fields = parseYaml(split.yaml) ?? {};
  } catch (error) {
    const reason = error instanceof Error ? error.message.split("\n")[0] : String(error);
    problems.push({ file, field: "front matter", message: `is not valid YAML: ${reason}` });
    return undefined;
  }
  const result = frontMatterSchema.safeParse(fields);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const field = issue.path.join(".") || "front matter";
      const message =
        issue.code === "unrecognized_keys"
          ? `unknown field(s) ${issue.keys.join(", ")}; known: title, subtitle, date, updated, category, slug, tags, description, author, draft, comments`
          : issue.message;
      problems.push({ file, field: issue.code === "unrecognized_keys" ? "front matter" : field, message });
    }
    return undefined;
  }
  const data = result.data;
  const fileSlug = path.basename(file).replace(/\.mdx?$/, "");
  const slug = data.slug ?? fileSlug;
  if (!data.slug && !/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(slug)) {
    problems.push({
      file,
      field: "slug",
      message: `the file name "${fileSlug}" is not a usable address; rename the file (lower-case, hyphens) or add a slug field`,
    });
    return undefined;
  }
  const date = new Date(data.date);
  const parts = { category: data.category, slug, date };
  const body = split.body;
  return {
    file,
    format: file.endsWith(".mdx") ? "mdx" : "md",
    slug,
    path: normalizePath(buildPermalink(options.permalinkPattern, parts)),
    legacyPath: buildLegacyPath(parts),
    title: data.title,
    subtitle: data.subtitle,
    date: date.toISOString(),
    updated: data.updated ? new Date(data.updated).toISOString() : undefined,
    category: data.category,
    tags: [...new Map(data.tags.map((name) => [slugifyTag(name), { name, slug: slugifyTag(name) }])).values()],
    description: data.description ?? plainExcerpt(body, 160),
    author: data.author ?? options.defaultAuthor,
    draft: data.draft,
    comments: data.comments,
    body,
    readingMinutes: readingMinutes(body),
  };
}

function findDuplicateAddresses(essays: Essay[]): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const seen = new Map<string, Essay>();
  for (const essay of essays) {
    for (const address of [essay.path, essay.legacyPath]) {
      const first = seen.get(address);
      if (first && first !== essay) {
        problems.push({
          file: essay.file,
          field: "slug",
          message: `has the same address ${address} as ${first.file}; give one of them another slug or date`,
        });
      } else {
        seen.set(address, essay);
      }
    }
  }
  return problems;
}

/**
 * Reads and validates every essay. Throws a ContentError listing every problem
 * (file, field, what was expected) rather than skipping a bad essay.
 */
export function loadEssays(options: LoadOptions): Essay[] {
  const problems: ContentProblem[] = [];
  const essays: Essay[] = [];
  for (const absolute of listFiles(options.dir)) {
    const file = path.relative(process.cwd(), absolute) || absolute;
    if (!ESSAY_EXTENSIONS.has(path.extname(absolute))) {
      problems.push({ file, message: "is not an essay (.md or .mdx); move it out of the content folder (images go in public/)" });
      continue;
    }
    const essay = parseEssay(file, fs.readFileSync(absolute, "utf8"), options, problems);
    if (essay) essays.push(essay);
  }
  problems.push(...findDuplicateAddresses(essays));
  if (problems.length > 0) throw new ContentError(problems);
  return essays
    .filter((essay) => options.includeDrafts || !essay.draft)
    .sort((a, b) => b.date.localeCompare(a.date) || a.title.localeCompare(b.title));
}
