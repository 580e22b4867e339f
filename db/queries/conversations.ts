import "server-only";
import { sql, type Placeholder, type SQL } from "drizzle-orm";

/**
 * The ids of every comment in the conversation `commentId` belongs to: up its parent chain to
 * the top-level comment, then down through every reply under that one. Raw SQL because drizzle
 * has no recursive CTE; the table and column names are the same in both dialects (decision 002),
 * and UNION (not UNION ALL) ends the walk even if imported data held a cycle.
 */
export function conversationIds(commentId: Placeholder | SQL | number): SQL {
  return sql`(with recursive
    up(id, parent_id) as (
      select id, parent_id from comments where id = ${commentId}
      union
      select c.id, c.parent_id from comments c join up on c.id = up.parent_id
    ),
    conversation(id) as (
      select id from up where parent_id is null
      union
      select c.id from comments c join conversation on c.parent_id = conversation.id
    )
    select id from conversation)`;
}
