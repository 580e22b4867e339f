"use client";

import { useCallback, useEffect, useMemo, useState } from "react";
import { buildCommentTree, type CommentNode, type CommentOrder } from "@/lib/comments/build-tree";
import type { ThreadRow } from "@/lib/comments/cached-queries";
import { expandRows, type CompactRow } from "@/lib/comments/compact-rows";
import { NO_VOTES, type ViewerVoteState } from "@/lib/comments/viewer-vote-state";
import { useViewer, type Viewer } from "../viewer-context";
import { CommentItem } from "./comment-item";
import { VoteForm, type VoteContext } from "./comment-votes";
import { useFindMovedComment } from "./use-find-moved-comment";

/** Replies nest visually this many levels; deeper ones are listed flat and say whom they answer. */
export const MAX_INDENT = 6;
type Node = CommentNode<ThreadRow>;

type OwnHeld = {
  id: number;
  parentId: number | null;
  status: "pending" | "hidden";
  bodyHtml: string;
  moderationReason: string | null;
  createdAt: string;
  editedAt: string | null;
};

type Mine = { comments: OwnHeld[]; votes: ViewerVoteState };

/**
 * The page is the same for everyone; the author's own held and removed comments, and their
 * votes with the tallies only they may see, are fetched by their browser and merged in.
 */
function useMine(essayPath: string, rows: ThreadRow[]): { own: OwnHeld[]; votes: ViewerVoteState; settled: boolean; reload: () => void } {
  const { viewer, loaded } = useViewer();
  const [mine, setMine] = useState<Mine>({ comments: [], votes: NO_VOTES });
  const [fetched, setFetched] = useState(false);
  const [asked, setAsked] = useState(0);
  const signedIn = viewer.signedIn;
  useEffect(() => {
    if (!signedIn) return;
    const controller = new AbortController();
    fetch(`/api/comments/mine?essay=${encodeURIComponent(essayPath)}`, { cache: "no-store", signal: controller.signal })
      .then((response) => (response.ok ? (response.json() as Promise<Mine>) : undefined))
      .then((data) => data && setMine(data))
      .catch(() => undefined)
      .finally(() => setFetched(true));
    return () => controller.abort();
  }, [signedIn, essayPath, rows, asked]);
  const reload = useCallback(() => setAsked((count) => count + 1), []);
  // Settled: every comment this reader can see on the page is drawn.
  return signedIn ? { own: mine.comments, votes: mine.votes, settled: loaded && fetched, reload } : { own: [], votes: NO_VOTES, settled: loaded, reload };
}

/**
 * Adds the reader's own held comments to this page: a reply where its parent is shown, a
 * new conversation on the page where new conversations appear (`newConversationsHere`).
 */
function mergeOwn(rows: ThreadRow[], own: OwnHeld[], viewer: Viewer, newConversationsHere: boolean): ThreadRow[] {
  if (own.length === 0 || !viewer.signedIn) return rows;
  const shown = new Set([...rows.map((row) => row.id), ...own.map((c) => c.id)]);
  const hiddenText = new Map(own.filter((c) => c.status === "hidden").map((c) => [c.id, c.bodyHtml]));
  const merged = rows.map((row) => (hiddenText.has(row.id) ? { ...row, ownBodyHtml: hiddenText.get(row.id) } : row));
  const pending = own
    .filter((c) => c.status === "pending" && (c.parentId === null ? newConversationsHere : shown.has(c.parentId)))
    .map(
      (c): ThreadRow => ({
        id: c.id,
        parentId: c.parentId,
        authorId: viewer.id,
        authorName: viewer.name,
        authorImage: viewer.image,
        bodyHtml: c.bodyHtml,
        status: "published",
        moderationReason: null,
        deleted: false,
        editedAt: c.editedAt,
        createdAt: c.createdAt,
        held: "pending",
      }),
    );
  return [...merged, ...pending];
}

/** Every reply below `node`, depth-first, without recursion (chains can be thousands deep). */
function flattenReplies(node: Node): { node: Node; parent: Node }[] {
  const out: { node: Node; parent: Node }[] = [];
  const stack: { node: Node; parent: Node }[] = [...node.children].reverse().map((child) => ({ node: child, parent: node }));
  while (stack.length) {
    const item = stack.pop()!;
    out.push(item);
    for (const child of [...item.node.children].reverse()) stack.push({ node: child, parent: item.node });
  }
  return out;
}

const nameOf = (node: Node) => (node.tombstone ? "a removed comment" : node.comment.authorName);

type Shared = { essayPath: string; open: boolean; votes: VoteContext };

const parentOf = (node: Node | undefined) => (node ? { name: nameOf(node), authorId: node.tombstone ? null : node.comment.authorId } : undefined);

function CommentList({ nodes, level, shared, parent }: { nodes: Node[]; level: number; shared: Shared; parent?: Node }) {
  return (
    <ol className={`comment-list level-${level}`}>
      {nodes.map((node) => (
        <li key={node.comment.id}>
          <CommentItem comment={node.comment} tombstone={node.tombstone} replyCount={node.replyCount} parent={parentOf(parent)} {...shared} />
          {node.children.length > 0 &&
            (level + 1 < MAX_INDENT ? (
              <CommentList nodes={node.children} level={level + 1} shared={shared} parent={node} />
            ) : (
              <ol className="comment-list comment-list-flat">
                {flattenReplies(node).map(({ node: reply, parent }) => (
                  <li key={reply.comment.id}>
                    <CommentItem
                      comment={reply.comment}
                      tombstone={reply.tombstone}
                      replyCount={reply.replyCount}
                      inReplyTo={{ id: parent.comment.id, name: nameOf(parent) }}
                      parent={parentOf(parent)}
                      {...shared}
                    />
                  </li>
                ))}
              </ol>
            ))}
        </li>
      ))}
    </ol>
  );
}

type Props = {
  /** This page's conversations only (lib/comments/thread-page.ts), usual values left out (lib/comments/compact-rows.ts): the page and its hydration data stay small. */
  rows: CompactRow[];
  essayPath: string;
  /** This page's address (lib/comments/pagination.ts threadPageHref): plain vote forms return to it. */
  pagePath: string;
  open: boolean;
  order: CommentOrder;
  newConversationsHere: boolean;
};

/**
 * A page of the thread, rendered on the server into the static page (readable without
 * JavaScript) and hydrated for the inline reply, edit and delete forms.
 */
export function CommentThread({ rows: compact, essayPath, pagePath, open, order, newConversationsHere }: Props) {
  const { viewer } = useViewer();
  const rows = useMemo(() => expandRows(compact), [compact]);
  const { own, votes, settled, reload } = useMine(essayPath, rows);
  const voteContext = useMemo(
    (): VoteContext => ({ essayPath, mine: votes.votes, tallies: new Map(votes.tallies.map((tally) => [tally.commentId, tally])), weighs: votes.weighs, reload }),
    [essayPath, votes, reload],
  );
  useFindMovedComment(settled);
  const roots = useMemo(
    () => buildCommentTree(mergeOwn(rows, own, viewer, newConversationsHere), { order }),
    [rows, own, viewer, order, newConversationsHere],
  );

  if (roots.length === 0) return <p className="no-comments">No comments yet.{open ? " Start the conversation." : ""}</p>;
  return (
    <>
      <VoteForm essayPath={essayPath} returnTo={pagePath} />
      <CommentList nodes={roots} level={0} shared={{ essayPath, open, votes: voteContext }} />
    </>
  );
}
