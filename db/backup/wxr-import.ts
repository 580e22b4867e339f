// Writes a WordPress import plan (lib/wxr/plan-import.ts) into the comments table. No
// `server-only`: `npm run comments:import-wxr` runs this under tsx.
import { like } from "drizzle-orm";
import type { Db } from "@/db/connect";
import type { PlannedComment, WxrImportPlan } from "@/lib/wxr/plan-import";
import type { BackupDatabase } from "./tables";

export type WxrImportOutcome = {
  /** Written by this run (with dryRun: what a real run would write). */
  imported: { published: number; pending: number };
  /** In the plan but already in the database from an earlier run (matched by sourceId). */
  alreadyImported: number;
  /** Essays whose threads gain comments: their cache tags need refreshing. */
  essayPaths: string[];
};

const BATCH_ROWS = 500;

/**
 * Imports the plan's comments in one transaction, parents before replies, each reply under
 * its parent's new id (or under a parent imported by an earlier run). Comments whose
 * sourceId is already present are left alone, so running the same export twice imports
 * nothing the second time. dryRun: only reads, to tell what a real run would do.
 */
export async function importWxrPlan({
  database,
  plan,
  dryRun = false,
}: {
  database: BackupDatabase;
  plan: WxrImportPlan;
  dryRun?: boolean;
}): Promise<WxrImportOutcome> {
  const { comments } = database.schema;

  const run = async (db: Db, write: boolean): Promise<WxrImportOutcome> => {
    // Every comment an earlier run imported from this site, in one query.
    const earlier = await db
      .select({ id: comments.id, sourceId: comments.sourceId })
      .from(comments)
      .where(like(comments.sourceId, `wxr:${plan.host}:%`));
    const idBySource = new Map(earlier.map((row) => [row.sourceId, row.id]));
    const fresh = plan.comments.filter((comment) => !idBySource.has(comment.sourceId));

    if (write) {
      // The plan is sorted by depth: every parent is in the database before its replies' batch.
      for (const level of groupByDepth(fresh)) {
        for (let start = 0; start < level.length; start += BATCH_ROWS) {
          const batch = level.slice(start, start + BATCH_ROWS);
          const inserted = await db
            .insert(comments)
            .values(
              batch.map((comment) => ({
                essayPath: comment.essayPath,
                parentId: comment.parentSourceId === null ? null : parentIdOf(comment, idBySource),
                authorId: null,
                authorName: comment.authorName,
                body: comment.body,
                bodyHtml: comment.bodyHtml,
                renderVersion: comment.renderVersion,
                status: comment.status,
                createdAt: comment.createdAt,
                sourceId: comment.sourceId,
              })),
            )
            .returning({ id: comments.id, sourceId: comments.sourceId });
          for (const row of inserted) idBySource.set(row.sourceId, row.id);
        }
      }
    }
    return {
      imported: {
        published: fresh.filter((comment) => comment.status === "published").length,
        pending: fresh.filter((comment) => comment.status === "pending").length,
      },
      alreadyImported: plan.comments.length - fresh.length,
      essayPaths: [...new Set(fresh.map((comment) => comment.essayPath))].sort(),
    };
  };

  return dryRun ? run(database.db, false) : database.withTransaction((tx) => run(tx, true));
}

function groupByDepth(comments: readonly PlannedComment[]): PlannedComment[][] {
  const levels: PlannedComment[][] = [];
  for (const comment of comments) (levels[comment.depth] ??= []).push(comment);
  return levels.filter((level) => level !== undefined);
}

function parentIdOf(comment: PlannedComment, idBySource: Map<string | null, number>): number {
  const id = idBySource.get(comment.parentSourceId);
  // The plan puts every parent at a smaller depth; reaching this is a bug in the plan.
  if (id === undefined) throw new Error(`comment ${comment.sourceId}: its parent ${comment.parentSourceId} was not imported first`);
  return id;
}
