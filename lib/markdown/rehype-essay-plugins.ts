import type { Element, ElementContent, Root } from "hast";
import { toString } from "hast-util-to-string";
import { visit } from "unist-util-visit";

export type Heading = { id: string; text: string; depth: 2 | 3 };

function isExternal(href: string, siteOrigin: string): boolean {
  if (!/^https?:\/\//i.test(href)) return false;
  try {
    return new URL(href).origin !== siteOrigin;
  } catch {
    return true;
  }
}

/** External links get rel="noopener noreferrer": the target page cannot reach back into ours. */
export function rehypeExternalLinks(options: { siteOrigin: string }) {
  return (tree: Root) => {
    visit(tree, "element", (node: Element) => {
      const href = node.tagName === "a" ? node.properties.href : undefined;
      if (typeof href === "string" && isExternal(href, options.siteOrigin)) {
        node.properties.rel = ["noopener", "noreferrer"];
      }
    });
  };
}

/** remark-gfm's task-list checkboxes have no accessible name (axe: critical); give them one. */
export function rehypeTaskListLabels() {
  return (tree: Root) => {
    visit(tree, "element", (node: Element) => {
      if (node.tagName === "input" && node.properties.type === "checkbox") {
        node.properties.ariaLabel = node.properties.checked ? "Done" : "Not done";
      }
    });
  };
}

/** Collects h2/h3 (after rehype-slug gave them ids) for the table of contents. */
export function rehypeCollectHeadings(options: { into: Heading[] }) {
  return (tree: Root) => {
    visit(tree, "element", (node: Element) => {
      if ((node.tagName === "h2" || node.tagName === "h3") && typeof node.properties.id === "string") {
        options.into.push({ id: node.properties.id, text: toString(node).trim(), depth: node.tagName === "h2" ? 2 : 3 });
      }
    });
  };
}

/**
 * Appends a "#" link to each h2–h4 that has an id (from rehype-slug). The link is
 * named after its heading, so a screen reader's list of links stays meaningful.
 */
export function rehypeHeadingAnchors() {
  return (tree: Root) => {
    visit(tree, "element", (node: Element) => {
      if (!/^h[2-4]$/.test(node.tagName) || typeof node.properties.id !== "string") return;
      const anchor: ElementContent = {
        type: "element",
        tagName: "a",
        properties: {
          href: `#${node.properties.id}`,
          className: ["heading-anchor"],
          ariaLabel: `Link to section: ${toString(node).trim()}`,
        },
        children: [{ type: "text", value: "#" }],
      };
      node.children.push(anchor);
    });
  };
}

/** Feed readers have no base address: make site-relative links and images absolute. */
export function rehypeAbsoluteUrls(options: { base: string }) {
  return (tree: Root) => {
    visit(tree, "element", (node: Element) => {
      for (const attribute of ["href", "src"] as const) {
        const value = node.properties[attribute];
        if (typeof value === "string" && value.startsWith("/") && !value.startsWith("//")) {
          node.properties[attribute] = `${options.base}${value}`;
        }
      }
    });
  };
}
