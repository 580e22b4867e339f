// Decides what a WordPress export becomes here, without touching the database: which
// comment goes under which essay, under which parent, with which text and status, and
// why every other comment does not come along. Nothing is dropped without a reason
// in the plan (docs/decisions/013-owning-your-words.md).
import { RENDERER_VERSION, renderCommentMarkdown } from "@/lib/comments/render-markdown";
import { wordpressHtmlToMarkdown } from "./html-to-markdown";
import type { WxrComment, WxrPost, WxrSite } from "./parse-wxr";

/** What the plan needs of an essay (lib/content's Essay fits). */
export type EssayAddress = { path: string; legacyPath: string; title: string };

export type PlannedComment = {
  /** `wxr:<site host>:<comment id>`: a second run finds it and imports it again never. */
  sourceId: string;
  wpId: string;
  /** The parent's sourceId; null for a top-level comment. */
  parentSourceId: string | null;
  /** 0 for top-level; parents always have a smaller depth (insert level by level). */
  depth: number;
  essayPath: string;
  /** The name the commenter gave; e-mail and web address are not carried over. */
  authorName: string;
  body: string;
  bodyHtml: string;
  renderVersion: number;
  status: "published" | "pending";
  createdAt: Date;
};

export type SkipReason = "spam" | "trash" | "pingback" | "trackback" | "other-type" | "unknown-status" | "no-date" | "empty" | "not-a-post";

export type SkippedComment = { wpId: string; postTitle: string; author: string; reason: SkipReason; detail: string };
export type MissingEssay = { title: string; link: string; tried: string[]; comments: number };
export type MadeTopLevel = { wpId: string; parentWpId: string; postTitle: string; why: "parent-skipped" | "parent-not-in-post" | "parent-loop" };

export type WxrImportPlan = {
  host: string;
  /** Every wp:comment in the file, whatever becomes of it, and the items that have any. */
  totalComments: number;
  postsWithComments: number;
  /** Parents before their replies (by depth), then oldest first. */
  comments: PlannedComment[];
  skipped: SkippedComment[];
  missingEssays: MissingEssay[];
  madeTopLevel: MadeTopLevel[];
};

const ANONYMOUS = "Anonymous";
const AUTHOR_NAME_MAX = 100;

export function planWxrImport({ site, essays }: { site: WxrSite; essays: readonly EssayAddress[] }): WxrImportPlan {
  const essayByAddress = new Map<string, EssayAddress>();
  for (const essay of essays) for (const address of [essay.path, essay.legacyPath]) essayByAddress.set(normalizeAddress(address), essay);

  const plan: WxrImportPlan = { host: site.host, totalComments: 0, postsWithComments: 0, comments: [], skipped: [], missingEssays: [], madeTopLevel: [] };
  for (const post of site.posts) {
    if (post.comments.length === 0) continue;
    plan.totalComments += post.comments.length;
    plan.postsWithComments++;

    const accepted: { comment: WxrComment; status: PlannedComment["status"]; createdAt: Date; body: string }[] = [];
    const skippedIds = new Map<string, SkipReason>();
    for (const comment of post.comments) {
      const verdict = classify(comment, post);
      if ("reason" in verdict) {
        skippedIds.set(comment.id, verdict.reason);
        plan.skipped.push({ wpId: comment.id, postTitle: post.title, author: cleanAuthorName(comment.author), ...verdict });
      } else accepted.push({ comment, ...verdict });
    }
    if (accepted.length === 0) continue;

    const tried = candidateAddresses(post);
    const essay = tried.map((address) => essayByAddress.get(address)).find((found) => found !== undefined);
    if (!essay) {
      plan.missingEssays.push({ title: post.title, link: post.link, tried, comments: accepted.length });
      continue;
    }

    const acceptedIds = new Set(accepted.map(({ comment }) => comment.id));
    const parentOf = new Map<string, string | null>();
    for (const { comment } of accepted) {
      const parent = comment.parentId === "0" || comment.parentId === "" ? null : comment.parentId;
      if (parent === null || acceptedIds.has(parent)) parentOf.set(comment.id, parent);
      else {
        parentOf.set(comment.id, null);
        plan.madeTopLevel.push({
          wpId: comment.id,
          parentWpId: parent,
          postTitle: post.title,
          why: skippedIds.has(parent) ? "parent-skipped" : "parent-not-in-post",
        });
      }
    }
    const depths = depthsBreakingLoops(parentOf, (id, parentWpId) =>
      plan.madeTopLevel.push({ wpId: id, parentWpId, postTitle: post.title, why: "parent-loop" }),
    );

    for (const { comment, status, createdAt, body } of accepted) {
      const parent = parentOf.get(comment.id) ?? null;
      plan.comments.push({
        sourceId: sourceIdFor(site.host, comment.id),
        wpId: comment.id,
        parentSourceId: parent === null ? null : sourceIdFor(site.host, parent),
        depth: depths.get(comment.id) ?? 0,
        essayPath: essay.path,
        authorName: cleanAuthorName(comment.author),
        body,
        bodyHtml: renderCommentMarkdown(body),
        renderVersion: RENDERER_VERSION,
        status,
        createdAt,
      });
    }
  }
  plan.comments.sort(
    (a, b) => a.depth - b.depth || a.createdAt.getTime() - b.createdAt.getTime() || compareNumeric(a.wpId, b.wpId),
  );
  return plan;
}

export function sourceIdFor(host: string, wpId: string): string {
  return `wxr:${host}:${wpId}`;
}

type Verdict = { reason: SkipReason; detail: string } | { status: PlannedComment["status"]; createdAt: Date; body: string };

function classify(comment: WxrComment, post: WxrPost): Verdict {
  const type = comment.type.toLowerCase();
  if (type === "pingback" || type === "trackback") return { reason: type, detail: comment.authorUrl || comment.author };
  if (type !== "" && type !== "comment") return { reason: "other-type", detail: `wp:comment_type "${comment.type}"` };
  const approved = comment.approved.toLowerCase();
  if (approved === "spam") return { reason: "spam", detail: "marked spam in WordPress" };
  if (approved === "trash" || approved === "post-trashed") return { reason: "trash", detail: "in WordPress's trash" };
  if (approved !== "1" && approved !== "0") return { reason: "unknown-status", detail: `wp:comment_approved "${comment.approved}"` };
  // Comments on pages and attachments have no essay to live under here.
  if (post.type !== "post") return { reason: "not-a-post", detail: `on a ${post.type || "item without wp:post_type"}` };
  // Pending comments in old WordPress versions carry a zero GMT date; their local date is the best left.
  const createdAt = parseWordPressDate(comment.dateGmt) ?? parseWordPressDate(comment.dateLocal);
  if (!createdAt) return { reason: "no-date", detail: `dates "${comment.dateGmt}" / "${comment.dateLocal}"` };
  const body = wordpressHtmlToMarkdown(comment.content);
  if (body === "") return { reason: "empty", detail: "no text left after removing markup" };
  return { status: approved === "1" ? "published" : "pending", createdAt, body };
}

/** "2010-08-23 15:02:13" read as UTC; undefined for WordPress's "0000-00-00 00:00:00" and anything malformed. */
export function parseWordPressDate(value: string): Date | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})[ T](\d{2}):(\d{2}):(\d{2})$/.exec(value.trim());
  if (!match) return undefined;
  const [year, month, day, hour, minute, second] = match.slice(1).map(Number) as [number, number, number, number, number, number];
  const date = new Date(Date.UTC(year, month - 1, day, hour, minute, second));
  // Rejects year 0000 and rolled-over values such as 2010-02-30.
  if (year < 1970 || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day || hour > 23 || minute > 59 || second > 59) return undefined;
  return date;
}

/** The addresses the post had on the old blog: its <link> path and /YYYY/MM/DD/post_name. */
export function candidateAddresses(post: Pick<WxrPost, "link" | "name" | "dateLocal" | "dateGmt">): string[] {
  const addresses: string[] = [];
  try {
    const { pathname } = new URL(post.link, "http://wxr.invalid");
    if (pathname !== "/") addresses.push(pathname);
  } catch {
    // No usable link: the date and slug below may still find the essay.
  }
  if (post.name !== "") {
    for (const date of [post.dateLocal, post.dateGmt]) {
      const day = /^(\d{4})-(\d{2})-(\d{2})/.exec(date);
      if (day) addresses.push(`/${day[1]}/${day[2]}/${day[3]}/${post.name}`);
    }
  }
  return [...new Set(addresses.map(normalizeAddress))];
}

/** Case, trailing slashes and percent-encoding do not tell two addresses apart. */
export function normalizeAddress(address: string): string {
  let decoded = address;
  try {
    decoded = decodeURIComponent(address);
  } catch {
    // A stray "%" is kept as written.
  }
  return decoded.replace(/\/+$/, "").toLowerCase() || "/";
}

function cleanAuthorName(name: string): string {
  const cleaned = name
    .replace(/[\p{Cc}\p{Cf}]/gu, "")
    .replace(/\s+/g, " ")
    .trim();
  return [...cleaned].slice(0, AUTHOR_NAME_MAX).join("") || ANONYMOUS;
}

/**
 * Depth of every comment below its thread's top; a parentId chain that loops (a corrupt
 * export) is cut at the comment where the loop is found, which becomes top-level and is reported.
 */
function depthsBreakingLoops(parentOf: Map<string, string | null>, onLoop: (id: string, parentId: string) => void): Map<string, number> {
  const depth = new Map<string, number>();
  for (const start of parentOf.keys()) {
    const path: string[] = [];
    const onPath = new Set<string>();
    let id: string | null = start;
    while (id !== null && !depth.has(id)) {
      if (onPath.has(id)) {
        // `id` is where the loop closes: make the comment pointing back to it top-level.
        const cut = path[path.length - 1]!;
        onLoop(cut, id);
        parentOf.set(cut, null);
        depth.set(cut, 0);
        path.pop();
        break;
      }
      onPath.add(id);
      path.push(id);
      id = parentOf.get(id) ?? null;
    }
    for (let i = path.length - 1; i >= 0; i--) {
      const current = path[i]!;
      const parent = parentOf.get(current) ?? null;
      depth.set(current, parent === null ? 0 : (depth.get(parent) ?? 0) + 1);
    }
  }
  return depth;
}

function compareNumeric(a: string, b: string): number {
  return Number(a) - Number(b) || (a < b ? -1 : a > b ? 1 : 0);
}
