import type { Root } from "mdast";
import remarkGfm from "remark-gfm";
import remarkMdx from "remark-mdx";
import remarkParse from "remark-parse";
import { unified } from "unified";
import { visit } from "unist-util-visit";
import type { Essay } from "./load-essays";
import { normalizePath } from "./permalink";

export type BrokenLink = { file: string; link: string };

/**
 * Every link target in an essay, as written, in document order: links, images, reference
 * definitions, and href/src attributes of MDX elements. Parsed, not matched with a regex, so
 * code spans and blocks are skipped. GFM is on because the page renders with it (autolinks).
 */
function linkTargets(essay: Pick<Essay, "format" | "body">): string[] {
  const tree: Root = unified()
    .use(remarkParse)
    .use(remarkGfm)
    .use(essay.format === "mdx" ? [remarkMdx] : [])
    .parse(essay.body);
  const targets: string[] = [];
  visit(tree, (node) => {
    if (node.type === "link" || node.type === "image" || node.type === "definition") {
      targets.push(node.url);
    } else if (node.type === "mdxJsxFlowElement" || node.type === "mdxJsxTextElement") {
      for (const attribute of node.attributes) {
        if (attribute.type === "mdxJsxAttribute" && (attribute.name === "href" || attribute.name === "src")) {
          // An expression ({url}) cannot be checked without running the essay; only plain strings are.
          if (typeof attribute.value === "string") targets.push(attribute.value);
        }
      }
    }
  });
  return targets;
}

/** Decodes %20 and the like so a link matches a file name; a malformed escape is compared as written. */
function decoded(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname;
  }
}

/**
 * The path a link leads to on this site, or undefined when it leads elsewhere (another site,
 * mailto:, a bare #fragment, or a relative link, which this check does not follow).
 */
function sitePath(link: string, siteUrl: string): string | undefined {
  if (!link.startsWith("/") && !URL.canParse(link)) return undefined;
  const url = new URL(link, siteUrl);
  if (url.origin !== new URL(siteUrl).origin) return undefined;
  return normalizePath(decoded(url.pathname));
}

/**
 * Links to an address of this site that has no page, one entry per link as written.
 * Paths are compared without trailing slash, query or fragment, the way the app looks them up.
 */
export function findBrokenInternalLinks(
  essays: Pick<Essay, "file" | "format" | "body">[],
  knownPaths: Iterable<string>,
  { siteUrl }: { siteUrl: string },
): BrokenLink[] {
  const known = new Set([...knownPaths].map((address) => normalizePath(decoded(address))));
  return essays.flatMap((essay) =>
    linkTargets(essay)
      .filter((link) => {
        const target = sitePath(link, siteUrl);
        return target !== undefined && !known.has(target);
      })
      .map((link) => ({ file: essay.file, link })),
  );
}
