// WordPress comment HTML → the comment Markdown subset (lib/comments/render-markdown.ts), so an
// imported comment is stored the way a reader's own is: Markdown source, HTML rendered and
// sanitized from it. Safety does not rest on this file (the renderer sanitizes whatever
// comes out); its job is fidelity. In named steps:
//  1. tokenize tags and text (lenient: a "<" that opens no tag is text, unclosed tags close at the end);
//  2. build a small tree, dropping script/style/... with their content, images and unknown markup
//     (their text stays);
//  3. write Markdown: paragraphs, line breaks (newlines count, as WordPress's wpautop has them),
//     *em*, **strong**, `code`, [links](http…), > quotes, lists, code blocks; every other
//     character that Markdown would read as syntax is escaped, so text stays text.
import { decodeEntities, decodeEntity, ENTITY_PATTERN } from "./entities";

type Element = { tag: string; attributes: Map<string, string>; children: Node[] };
type Node = string | Element;

const TOKEN =
  /<!--[\s\S]*?(?:-->|$)|<![^>]*>?|<\?[^>]*>?|<(\/?)([a-zA-Z][a-zA-Z0-9:-]*)((?:\s+[^\s"'>/=]+(?:\s*=\s*(?:"[^"]*"|'[^']*'|[^\s"'>]+))?)*)\s*\/?>/g;
const ATTRIBUTE = /([^\s"'>/=]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'>]+)))?/g;
const VOID = new Set(["br", "img", "hr", "wbr", "input", "meta", "link", "source", "area", "col", "embed", "param", "track", "base"]);
const DROPPED_WITH_CONTENT = new Set(["script", "style", "head", "title", "textarea", "select", "noscript", "iframe", "object", "template", "svg", "math"]);
const BLOCKS = new Set([
  ...["p", "div", "section", "article", "header", "footer", "aside", "address", "figure", "figcaption", "center"],
  ...["h1", "h2", "h3", "h4", "h5", "h6", "table", "thead", "tbody", "tr", "dl", "dt", "dd", "hr", "form", "fieldset"],
]);
// Deeper nesting is flattened: no comment needs it, and it keeps the recursion below bounded.
const MAX_DEPTH = 64;

// Markers while writing (C0 controls are removed from the input first, so none can be forged).
const BREAK = "\u0001";
const PARAGRAPH = "\u0002";
const OPAQUE = "\u0003";

/** WordPress comment HTML as comment Markdown (empty string when nothing readable is left). */
export function wordpressHtmlToMarkdown(html: string): string {
  const clean = html.replace(/\r\n?/g, "\n").replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, "");
  return new Writer().document(parse(clean));
}

function parse(html: string): Element {
  const root: Element = { tag: "#root", attributes: new Map(), children: [] };
  const stack: Element[] = [root];
  const top = () => stack[stack.length - 1]!;
  let last = 0;
  TOKEN.lastIndex = 0;
  for (let match = TOKEN.exec(html); match; match = TOKEN.exec(html)) {
    if (match.index > last) top().children.push(html.slice(last, match.index));
    last = TOKEN.lastIndex;
    const [, closing, rawTag, rawAttributes] = match;
    if (rawTag === undefined) continue; // a comment, doctype or processing instruction
    const tag = rawTag.toLowerCase();

    if (closing) {
      const open = stack.findLastIndex((element) => element.tag === tag);
      if (open > 0) stack.length = open;
      continue;
    }
    if (DROPPED_WITH_CONTENT.has(tag)) {
      const end = new RegExp(`</${tag}\\s*>`, "gi");
      end.lastIndex = last;
      last = end.exec(html) ? end.lastIndex : html.length;
      TOKEN.lastIndex = last;
      continue;
    }
    // What an HTML parser does implicitly: a new <p> or <li> ends the open one.
    if (tag === "p" || tag === "li") closeImplied(stack, tag);
    const element: Element = { tag, attributes: readAttributes(rawAttributes ?? ""), children: [] };
    if (stack.length > MAX_DEPTH && !VOID.has(tag)) continue;
    top().children.push(element);
    if (!VOID.has(tag)) stack.push(element);
  }
  if (last < html.length) top().children.push(html.slice(last));
  return root;
}

function closeImplied(stack: Element[], tag: "p" | "li") {
  const boundary = tag === "li" ? ["ul", "ol"] : ["blockquote", "li", "div", "td"];
  for (let i = stack.length - 1; i > 0; i--) {
    const open = stack[i]!.tag;
    if (open === tag) {
      stack.length = i;
      return;
    }
    if (boundary.includes(open)) return;
  }
}

function readAttributes(raw: string): Map<string, string> {
  const attributes = new Map<string, string>();
  for (const [, name, double, single, bare] of raw.matchAll(ATTRIBUTE)) {
    if (name) attributes.set(name.toLowerCase(), decodeEntities(double ?? single ?? bare ?? ""));
  }
  return attributes;
}

class Writer {
  // Finished blocks (quotes, lists, code) kept aside so later whitespace handling cannot touch them.
  private opaque: string[] = [];

  document(root: Element): string {
    return this.blocks(this.children(root));
  }

  /** Marked-up content → Markdown blocks separated by blank lines. */
  private blocks(content: string): string {
    const out: string[] = [];
    for (const part of content.split(PARAGRAPH)) {
      const placeholder = new RegExp(`^\\s*${OPAQUE}(\\d+)${OPAQUE}\\s*$`).exec(part);
      if (placeholder) {
        out.push(this.opaque[Number(placeholder[1])] ?? "");
        continue;
      }
      // Two breaks in a row are a paragraph break, as with wpautop.
      let lines: string[] = [];
      for (const line of part.split(BREAK).map(cleanLine)) {
        if (line !== "") lines.push(line);
        else if (lines.length > 0) {
          out.push(lines.join("\\\n"));
          lines = [];
        }
      }
      if (lines.length > 0) out.push(lines.join("\\\n"));
    }
    return out.filter((block) => block !== "").join("\n\n");
  }

  private children(element: Element): string {
    return element.children.map((child) => (typeof child === "string" ? textToMarkdown(child) : this.element(child))).join("");
  }

  private element(element: Element): string {
    const { tag } = element;
    switch (tag) {
      case "br":
        return BREAK;
      case "img":
      case "input":
        return "";
      case "em":
      case "i":
      case "cite":
      case "dfn":
      case "var":
        return wrap(this.children(element), "*");
      case "strong":
      case "b":
        return wrap(this.children(element), "**");
      case "q":
        return `“${this.children(element)}”`;
      case "code":
      case "tt":
      case "kbd":
      case "samp":
        return codeSpan(plainText(element));
      case "a":
        return this.link(element);
      case "pre":
        return this.block(codeBlock(plainText(element)));
      case "blockquote": {
        const inner = this.blocks(this.children(element));
        return inner === "" ? "" : this.block(inner.split("\n").map((line) => (line === "" ? ">" : `> ${line}`)).join("\n"));
      }
      case "ul":
      case "ol":
        return this.list(element);
      case "td":
      case "th":
        return `${this.children(element)} `;
      default:
        return BLOCKS.has(tag) || tag === "li" ? `${PARAGRAPH}${this.children(element)}${PARAGRAPH}` : this.children(element);
    }
  }

  private link(element: Element): string {
    const href = safeHref(element.attributes.get("href"));
    let inner = this.children(element);
    // A block or another link inside a link: keep its words only.
    if (inner.includes(PARAGRAPH) || inner.includes(OPAQUE) || /\]\(/.test(inner)) inner = escapeText(plainText(element));
    inner = inner.replaceAll(BREAK, " ").replace(/\s+/g, " ").trim();
    if (!href) return inner;
    return `[${inner === "" ? escapeText(href) : inner}](${href.replace(/[\s()<>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, "0")}`)})`;
  }

  private list(element: Element): string {
    const ordered = element.tag === "ol";
    const start = Number.parseInt(element.attributes.get("start") ?? "1", 10);
    const items: string[] = [];
    for (const child of element.children) {
      if (typeof child === "string" && child.trim() === "") continue;
      const content = typeof child === "string" ? textToMarkdown(child) : child.tag === "li" ? this.children(child) : this.element(child);
      const body = this.blocks(content);
      if (body === "") continue;
      const marker = ordered ? `${(Number.isFinite(start) ? start : 1) + items.length}. ` : "- ";
      const indent = " ".repeat(marker.length);
      items.push(body.split("\n").map((line, i) => (i === 0 ? marker + line : line === "" ? "" : indent + line)).join("\n"));
    }
    return items.length === 0 ? "" : this.block(items.join("\n"));
  }

  private block(markdown: string): string {
    this.opaque.push(markdown);
    return `${PARAGRAPH}${OPAQUE}${this.opaque.length - 1}${OPAQUE}${PARAGRAPH}`;
  }
}

/** One line of a paragraph: spaces collapsed, and line starts Markdown would take as a list or fence escaped. */
function cleanLine(line: string): string {
  return line
    .replace(/[ \t\n]+/g, " ")
    .trim()
    .replace(/^([-+])(?= |$)/, "\\$1")
    .replace(/^(\d{1,9})([.)])(?= |$)/, "$1\\$2")
    .replace(/^~~~/, "\\~~~");
}

const EDGES = new RegExp(`^([\\s${BREAK}]*)([\\s\\S]*?)([\\s${BREAK}]*)$`);

/** Emphasis around content, with surrounding spaces moved outside (`* a *` is not emphasis). */
function wrap(content: string, marker: string): string {
  if (content.includes(PARAGRAPH) || content.includes(OPAQUE)) return content;
  const match = EDGES.exec(content);
  const [, before = "", core = "", after = ""] = match ?? [];
  return core === "" ? before + after : `${before}${marker}${core}${marker}${after}`;
}

/** Text of a WordPress text node: entities decoded, Markdown syntax escaped, newlines as wpautop reads them. */
function textToMarkdown(raw: string): string {
  let out = "";
  let last = 0;
  for (const match of raw.matchAll(ENTITY_PATTERN)) {
    out += escapeText(raw.slice(last, match.index));
    const decoded = decodeEntity(match[1], match[2], match[3]);
    last = match.index + match[0].length;
    // A name we do not know is passed through: the Markdown parser knows every HTML name.
    if (decoded === undefined) out += match[0];
    // "&amp;lt;" is a visible "&lt;": escaped, or Markdown would decode it a second time.
    else if (decoded === "&" && /^#?[A-Za-z0-9]+;/.test(raw.slice(last))) out += "\\&";
    else out += escapeText(decoded);
  }
  out += escapeText(raw.slice(last));
  return out.replace(/\n[ \t]*\n\s*/g, PARAGRAPH).replaceAll("\n", BREAK);
}

const URL_TOKEN = /(?:https?:\/\/|www\.)[^\s<>"]+/gi;

/** Escapes what Markdown would read as syntax; web addresses are left whole so they still become links. */
function escapeText(text: string): string {
  let out = "";
  let last = 0;
  for (const match of text.matchAll(URL_TOKEN)) {
    out += escapeSyntax(text.slice(last, match.index));
    // Inside an address only what could end or break it is escaped; `_` and `*` must stay for
    // Whiskey_Rebellion-style addresses (an address literal is never read as emphasis).
    out += match[0].replace(/[\\`[\]]/g, "\\$&");
    last = match.index + match[0].length;
  }
  return out + escapeSyntax(text.slice(last));
}

function escapeSyntax(text: string): string {
  return text.replace(/[\\`*_[\]<>]/g, "\\$&").replace(/&(?=#?[A-Za-z0-9]+;)/g, "\\&");
}

function plainText(element: Element): string {
  const parts: string[] = [];
  const visit = (node: Node) => {
    if (typeof node === "string") parts.push(decodeEntities(node));
    else if (node.tag === "br") parts.push("\n");
    else node.children.forEach(visit);
  };
  element.children.forEach(visit);
  return parts.join("");
}

function codeSpan(text: string): string {
  const content = text.replace(/\s+/g, " ");
  if (content.trim() === "") return "";
  const longest = Math.max(0, ...(content.match(/`+/g) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  // A space on each side lets the content start or end with a backtick.
  return content.startsWith("`") || content.endsWith("`") ? `${fence} ${content} ${fence}` : `${fence}${content}${fence}`;
}

function codeBlock(text: string): string {
  const content = text.replace(/^\n+|\s+$/g, "");
  if (content === "") return "";
  const longest = Math.max(2, ...(content.match(/^`+/gm) ?? []).map((run) => run.length));
  const fence = "`".repeat(longest + 1);
  return `${fence}\n${content}\n${fence}`;
}

/** http(s) and mailto only (what the renderer keeps); anything else makes the link plain text. */
function safeHref(href: string | undefined): string | undefined {
  const trimmed = href?.trim();
  if (!trimmed || !/^(https?:\/\/|mailto:)/i.test(trimmed)) return undefined;
  return trimmed;
}
