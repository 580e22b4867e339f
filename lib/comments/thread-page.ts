import "server-only";
import { env } from "@/env.js";
import { countVisibleComments } from "./build-tree";
import { countMindsChanged, countRestatements } from "./minds-changed";
import { getCachedThread, getCachedThreadLocked, getCachedThreadPassages, getCachedThreadVotes, type ThreadRow } from "./cached-queries";
import { commentsIn, pageHolding, threadPageHref, type ThreadPageRef } from "./pagination";
import { attachVotes, threadPages } from "./thread-pages";
import type { ThreadPassage } from "@/db/queries/passages";

/** One page of an essay's thread, as its page renders it. */
export type ThreadPage = {
  at: ThreadPageRef;
  /** The comments of this page's conversations only: all a page (and its hydration data) carries. */
  rows: ThreadRow[];
  /** Visible comments in the whole thread. */
  count: number;
  pageCount: number;
  locked: boolean;
  /** Readers who awarded a Δ under the essay (issue 14): "N minds changed here". */
  mindsChanged: number;
  /** Disagreeing replies under the essay that restated the view they answer, and how many of those were confirmed. */
  restatements: { restated: number; confirmed: number };
};

/**
 * The page `at` of an essay's thread, from the one cached query for the whole thread; or
 * `{ lastPage }` when the thread has fewer pages (comments were removed since the link was made).
 */
export async function loadThreadPage(essayPath: string, at: ThreadPageRef): Promise<ThreadPage | { lastPage: number }> {
  const [rows, locked, tallies, passages] = await Promise.all([getCachedThread(essayPath), getCachedThreadLocked(essayPath), getCachedThreadVotes(essayPath), getCachedThreadPassages(essayPath)]);
  const withVotes = attachPassages(attachVotes(rows, tallies, at.order, { now: new Date(), hiddenHours: env.VOTES_HIDDEN_HOURS }), passages);
  const pages = threadPages(withVotes, at.order, env.COMMENTS_PER_PAGE);
  const conversations = pages[at.page - 1];
  if (!conversations) return { lastPage: pages.length };
  return { at, rows: commentsIn(conversations), count: countVisibleComments(rows), pageCount: pages.length, locked, mindsChanged: countMindsChanged(rows), restatements: countRestatements(rows) };
}

/** Each comment responding to a passage gets its quote (new objects: the cached rows are shared). */
function attachPassages(rows: ThreadRow[], passages: readonly ThreadPassage[]): ThreadRow[] {
  if (passages.length === 0) return rows;
  const byComment = new Map(passages.map(({ commentId, ...passage }) => [commentId, passage]));
  return rows.map((row) => {
    const passage = byComment.get(row.id);
    return passage && row.bodyHtml !== null ? { ...row, passage } : row;
  });
}

/**
 * Where a comment is read: its page of the thread (oldest first) and its anchor. A comment
 * no page shows (waiting for approval, or deleted) leads to its parent's page, where its
 * author sees it, or to the last page, where a new conversation appears.
 */
export async function commentHref(comment: { id: number; essayPath: string; parentId: number | null }): Promise<string> {
  const pages = threadPages(await getCachedThread(comment.essayPath), "oldest", env.COMMENTS_PER_PAGE);
  const page =
    pageHolding(pages, comment.id) ?? (comment.parentId === null ? undefined : pageHolding(pages, comment.parentId)) ?? pages.length;
  return `${threadPageHref(comment.essayPath, { order: "oldest", page })}#comment-${comment.id}`;
}
