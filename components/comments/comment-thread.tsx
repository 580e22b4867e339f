"use client";

import { useMemo } from "react";
import { useHydrated, useStoredChoice } from "@/lib/hooks/client-state";
import { buildCommentTree, type CommentNode } from "@/lib/comments/build-tree";
import type { ThreadRow } from "@/lib/comments/cached-queries";
import { CommentItem } from "./comment-item";

/** Replies nest visually this many levels; deeper ones are listed flat and say whom they answer. */
export const MAX_INDENT = 6;
type Order = "oldest" | "newest";
type Node = CommentNode<ThreadRow>;

const SORT_KEY = "comment-order";

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

type Shared = { essayPath: string; open: boolean };

function CommentList({ nodes, level, shared }: { nodes: Node[]; level: number; shared: Shared }) {
  return (
    <ol className={`comment-list level-${level}`}>
      {nodes.map((node) => (
        <li key={node.comment.id}>
          <CommentItem comment={node.comment} tombstone={node.tombstone} replyCount={node.replyCount} {...shared} />
          {node.children.length > 0 &&
            (level + 1 < MAX_INDENT ? (
              <CommentList nodes={node.children} level={level + 1} shared={shared} />
            ) : (
              <ol className="comment-list comment-list-flat">
                {flattenReplies(node).map(({ node: reply, parent }) => (
                  <li key={reply.comment.id}>
                    <CommentItem
                      comment={reply.comment}
                      tombstone={reply.tombstone}
                      replyCount={reply.replyCount}
                      inReplyTo={{ id: parent.comment.id, name: nameOf(parent) }}
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

/**
 * The thread, rendered on the server into the static page (readable without JavaScript)
 * and hydrated for sorting and the inline reply, edit and delete forms.
 */
export function CommentThread({ rows, essayPath, open }: { rows: ThreadRow[]; essayPath: string; open: boolean }) {
  const hydrated = useHydrated();
  const [order, choose] = useStoredChoice<Order>(SORT_KEY, ["oldest", "newest"], "oldest");
  const roots = useMemo(() => buildCommentTree(rows, { order }), [rows, order]);

  if (roots.length === 0) return <p className="no-comments">No comments yet.{open ? " Start the conversation." : ""}</p>;
  return (
    <>
      {hydrated && (
        <div className="comment-sort" role="group" aria-label="Order of comments">
          <button type="button" aria-pressed={order === "oldest"} onClick={() => choose("oldest")}>
            Oldest first
          </button>
          <button type="button" aria-pressed={order === "newest"} onClick={() => choose("newest")}>
            Newest first
          </button>
        </div>
      )}
      <CommentList nodes={roots} level={0} shared={{ essayPath, open }} />
    </>
  );
}
