// Reads a WordPress eXtended RSS export (Tools → Export in WordPress) into plain records.
// Pure: no database, no file system. Commenters' e-mail and IP addresses are never read.
import { XMLParser, XMLValidator } from "fast-xml-parser";
import { decodeEntities } from "./entities";

export type WxrComment = {
  /** wp:comment_id, unique within the site. */
  id: string;
  author: string;
  authorUrl: string;
  /** wp:comment_date_gmt and wp:comment_date as written ("2010-08-23 15:02:13"). */
  dateGmt: string;
  dateLocal: string;
  /** The comment's HTML as WordPress stored it. */
  content: string;
  /** wp:comment_approved: "1", "0", "spam", "trash", "post-trashed". */
  approved: string;
  /** wp:comment_type: "" or "comment" for comments, "pingback", "trackback", … */
  type: string;
  /** wp:comment_parent: "0" for a top-level comment. */
  parentId: string;
};

export type WxrPost = {
  title: string;
  link: string;
  /** wp:post_name, the slug. */
  name: string;
  /** wp:post_date (the blog's local time, which WordPress's /YYYY/MM/DD/ addresses use) and wp:post_date_gmt. */
  dateLocal: string;
  dateGmt: string;
  /** wp:post_type: post, page, attachment, … */
  type: string;
  comments: WxrComment[];
};

export type WxrSite = { title: string; link: string; host: string; posts: WxrPost[] };

/** The file is not a WXR export, or not well-formed XML; the message says which and where. */
export class WxrError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "WxrError";
  }
}

const parser = new XMLParser({
  // Ids and flags stay strings ("0012" is not 12, "1" is not true).
  parseTagValue: false,
  ignoreAttributes: true,
  isArray: (name) => name === "item" || name === "wp:comment",
});

export function parseWxr(xml: string): WxrSite {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    throw new WxrError(`not well-formed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`);
  }
  const document = parser.parse(xml) as { rss?: { channel?: Record<string, unknown> } };
  const channel = document.rss?.channel;
  if (!channel || typeof channel !== "object") {
    throw new WxrError("not a WordPress export: there is no <rss><channel> element (export from WordPress under Tools → Export)");
  }
  const items = asArray(channel.item);
  if (text(channel["wp:wxr_version"]) === "" && !items.some((item) => text(item["wp:post_type"]) !== "")) {
    throw new WxrError("not a WordPress export (WXR): it has no wp:wxr_version and no wp:post_type; this looks like a plain RSS feed");
  }
  const link = text(channel.link) || text(channel["wp:base_site_url"]) || text(channel["wp:base_blog_url"]);
  let host: string;
  try {
    host = new URL(link).host.toLowerCase();
  } catch {
    throw new WxrError(`the export names no usable site address (<channel><link> is "${link}"); imported comments are keyed by it`);
  }
  return {
    title: decodeEntities(text(channel.title)),
    link,
    host,
    posts: items.map((item) => ({
      title: decodeEntities(text(item.title)),
      link: text(item.link).trim(),
      name: text(item["wp:post_name"]).trim(),
      dateLocal: text(item["wp:post_date"]).trim(),
      dateGmt: text(item["wp:post_date_gmt"]).trim(),
      type: text(item["wp:post_type"]).trim(),
      comments: asArray(item["wp:comment"]).map((comment) => ({
        id: text(comment["wp:comment_id"]).trim(),
        author: decodeEntities(text(comment["wp:comment_author"])),
        authorUrl: text(comment["wp:comment_author_url"]).trim(),
        dateGmt: text(comment["wp:comment_date_gmt"]).trim(),
        dateLocal: text(comment["wp:comment_date"]).trim(),
        content: text(comment["wp:comment_content"]),
        approved: text(comment["wp:comment_approved"]).trim(),
        type: text(comment["wp:comment_type"]).trim(),
        parentId: text(comment["wp:comment_parent"]).trim() || "0",
      })),
    })),
  };
}

function asArray(value: unknown): Record<string, unknown>[] {
  const list = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return list.filter((entry): entry is Record<string, unknown> => typeof entry === "object" && entry !== null);
}

/** An element's text: "" when absent; the first when repeated. */
function text(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  if (Array.isArray(value)) return text(value[0]);
  if (value && typeof value === "object" && "#text" in value) return text((value as { "#text": unknown })["#text"]);
  return "";
}
