// A WordPress comment's HTML tree (hast, as rehype-parse gives it) reduced to what the comment
// Markdown subset can say (lib/comments/render-markdown.ts: p, br, em, strong, code, pre,
// blockquote, ul, ol, li, a), and the paragraphs WordPress showed made explicit: its stored
// comment text has none, wpautop draws them at display time from newlines.
import type { Element, ElementContent, Root, RootContent, Text } from "hast";

// Deeper nesting is flattened to its text: no comment needs it, and it keeps recursion bounded.
const MAX_DEPTH = 64;
const DROPPED_WITH_CONTENT = new Set([
  ...["script", "style", "head", "title", "textarea", "select", "noscript", "iframe", "object", "template", "svg", "math"],
  ...["img", "input", "hr", "wbr", "embed", "video", "audio", "canvas", "button", "option"],
]);
const RENAMED: Record<string, string> = { i: "em", cite: "em", dfn: "em", var: "em", b: "strong", tt: "code", kbd: "code", samp: "code" };
const KEPT = new Set(["p", "br", "em", "strong", "code", "pre", "blockquote", "ul", "li", "a"]);
const BLOCKS = new Set([
  ...["div", "section", "article", "header", "footer", "aside", "address", "figure", "figcaption", "center", "main", "nav"],
  ...["h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tfoot", "tr", "caption", "dl", "dt", "dd", "form", "fieldset", "details", "summary"],
]);
const PHRASING = new Set(["em", "strong", "code", "a", "br"]);

type Node = Root | RootContent;

const text = (value: string): Text => ({ type: "text", value });
const element = (tagName: string, children: ElementContent[], properties: Element["properties"] = {}): Element => ({ type: "element", tagName, properties, children });
const isElement = (node: Node | undefined): node is Element => node?.type === "element";
const isTag = (node: Node | undefined, tag: string): node is Element => isElement(node) && node.tagName === tag;
const isBlank = (node: Node | undefined) => node?.type === "text" && node.value.trim() === "";

/** The plugin: tidy, then paragraphs. */
export function rehypeWordpressComment() {
  return (tree: Root) => {
    flattenBeyond(tree, MAX_DEPTH);
    const tidied = tree.children.flatMap((child) => tidy(child));
    tree.children = paragraphs(tidied);
  };
}

/** Elements nested deeper than `limit` are replaced by their text and line breaks (no recursion). */
function flattenBeyond(root: Root, limit: number) {
  const stack: [Node, number][] = [[root, 0]];
  while (stack.length > 0) {
    const [node, depth] = stack.pop()!;
    if (!("children" in node)) continue;
    if (depth < limit) {
      for (const child of node.children) stack.push([child, depth + 1]);
      continue;
    }
    const flat: ElementContent[] = [];
    const pending: Node[] = [...node.children].reverse();
    while (pending.length > 0) {
      const next = pending.pop()!;
      if (next.type === "text") flat.push(next);
      else if (isElement(next)) {
        if (next.tagName === "br") flat.push(next);
        else if (!DROPPED_WITH_CONTENT.has(next.tagName)) pending.push(...[...next.children].reverse());
      }
    }
    (node as Element).children = flat;
  }
}

/** One node as the subset's elements: a list, since unwrapping gives several and dropping none. */
function tidy(node: RootContent): ElementContent[] {
  if (node.type === "text") return [node];
  if (node.type !== "element") return []; // comments, doctypes
  const tag = RENAMED[node.tagName] ?? node.tagName;
  if (DROPPED_WITH_CONTENT.has(tag)) return [];
  const children = node.children.flatMap(tidy);
  switch (tag) {
    case "q":
      return [text("“"), ...children, text("”")];
    case "td":
    case "th":
      return [...children, text(" ")];
    case "a": {
      const href = safeHref(node.properties.href);
      // A link inside a link keeps its words only; a link with none goes.
      if (children.every(isBlank)) return [];
      return href ? [element("a", children.flatMap(unlink), { href })] : children;
    }
    case "em":
    case "strong": {
      // <em><em>x</em></em> is *x*, not ***x***.
      const only = children.length === 1 && isTag(children[0], tag) ? children[0] : undefined;
      return edgesOutside(only ?? element(tag, children));
    }
    case "ol":
      return [element("ol", children, typeof node.properties.start === "number" ? { start: node.properties.start } : {})];
    default:
      if (BLOCKS.has(tag)) return [element("div", children)];
      if (KEPT.has(tag)) return [element(tag, children)];
      return children; // span, font, u, del, sub, abbr…: their text stays
  }
}

function unlink(node: ElementContent): ElementContent[] {
  return isTag(node, "a") ? node.children : [node];
}

/** http(s) and mailto only (what the renderer keeps); anything else makes the link plain text. */
function safeHref(href: unknown): string | undefined {
  const trimmed = typeof href === "string" ? href.trim() : "";
  return /^(https?:\/\/|mailto:)/i.test(trimmed) ? trimmed : undefined;
}

/** `<b> e </b>` is ` **e** `: spaces inside emphasis move out of it (`** e **` is not emphasis); empty emphasis goes. */
function edgesOutside(emphasis: Element): ElementContent[] {
  const before: Text[] = [];
  const after: Text[] = [];
  const first = emphasis.children[0];
  const last = emphasis.children.at(-1);
  if (first?.type === "text") {
    const space = /^\s+/.exec(first.value)?.[0];
    if (space) {
      first.value = first.value.slice(space.length);
      before.push(text(space));
    }
  }
  if (last?.type === "text") {
    const space = /\s+$/.exec(last.value)?.[0];
    if (space) {
      last.value = last.value.slice(0, -space.length);
      after.push(text(space));
    }
  }
  const empty = emphasis.children.every((child) => child.type === "text" && child.value === "");
  return empty ? [...before, ...after] : [...before, emphasis, ...after];
}

/**
 * wpautop's reading of a flow of content: a blank line in text ends a paragraph and a newline
 * is a line break; two <br> in a row end a paragraph too. Runs of inline content become <p>.
 */
function paragraphs(children: ElementContent[]): ElementContent[] {
  const out: ElementContent[] = [];
  let run: ElementContent[] = [];
  const end = () => {
    while (run.length > 0 && (isTag(run[0], "br") || isBlank(run[0]))) run.shift();
    while (run.length > 0 && (isTag(run.at(-1), "br") || isBlank(run.at(-1)))) run.pop();
    if (run.length > 0) out.push(element("p", run));
    run = [];
  };
  const lineBreak = () => {
    let k = run.length - 1;
    while (k >= 0 && isBlank(run[k])) k--;
    if (isTag(run[k], "br")) {
      run.length = k;
      end();
    } else run.push(element("br", []));
  };
  const inline = (node: ElementContent) => {
    if (node.type === "text") {
      node.value.split(/\n[ \t]*\n\s*/).forEach((part, i) => {
        if (i > 0) end();
        part.split("\n").forEach((line, j) => {
          if (j > 0) lineBreak();
          if (line !== "") run.push(text(line));
        });
      });
    } else if (isElement(node)) {
      if (node.tagName === "br") lineBreak();
      else run.push(newlinesAsBreaks(node));
    }
  };
  for (const child of children) {
    if (!isElement(child)) {
      if (child.type === "text") inline(child);
    } else if (PHRASING.has(child.tagName)) inline(child);
    else if (child.tagName === "p") {
      end();
      child.children.forEach(inline);
      end();
    } else {
      end();
      // An item outside any list is a block of its own.
      out.push(block(child.tagName === "li" ? { ...child, tagName: "div" } : child));
    }
  }
  end();
  return out;
}

/** Inside emphasis or a link, a newline is a line break too (code keeps its text as it is). */
function newlinesAsBreaks(node: Element): Element {
  if (node.tagName === "code") return node;
  node.children = node.children.flatMap((child): ElementContent[] => {
    if (child.type !== "text") return [isElement(child) ? newlinesAsBreaks(child) : child];
    return child.value.split(/\n\s*/).flatMap((line, j) => (j > 0 ? [element("br", []), text(line)] : [text(line)]));
  });
  return node;
}

function block(node: Element): Element {
  if (node.tagName === "pre") return node;
  if (node.tagName === "ul" || node.tagName === "ol") {
    const items = node.children.filter((child) => !isBlank(child)).map((child) => (isTag(child, "li") ? child : element("li", [child])));
    node.children = items.map(block);
    return node;
  }
  node.children = paragraphs(node.children);
  // An item of one paragraph is written tight ("- one"), as WordPress showed it.
  if (node.tagName === "li" && node.children.length === 1 && isTag(node.children[0], "p")) node.children = node.children[0].children;
  return node;
}
