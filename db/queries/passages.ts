import "server-only";
import { createHash } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { getDb, withTransaction, type Db } from "@/db/client";
import { carryBlockIds, type Block, type BlockText } from "@/lib/anchors/block-ids";
import { quoteBlock, type PassageAnchor } from "@/lib/anchors/quote";
import { Reanchorer, type Placement } from "@/lib/anchors/reanchor";

// Essay revisions and the passages comments respond to (issue 15, docs/decisions/045-passage-anchors.md).

export type StoredRevision = { id: string; essayPath: string; blocks: Block[]; previousId: string | null };

/** A revision's id: its essay and its blocks' rendered text, hashed. The same content, the same id, on every instance. */
export function revisionId(essayPath: string, blocks: readonly BlockText[]): string {
  const hash = createHash("sha256").update(JSON.stringify([essayPath, blocks.map((block) => [block.kind, block.text])]));
  return `r${hash.digest("base64url").slice(0, 20)}`;
}

const parseBlocks = (json: string): Block[] => JSON.parse(json) as Block[];

const storedRevision = (row: { id: string; essayPath: string; blocks: string; previousId: string | null }): StoredRevision => ({
  id: row.id,
  essayPath: row.essayPath,
  blocks: parseBlocks(row.blocks),
  previousId: row.previousId,
});

async function latestRevision(tx: Db, essayPath: string): Promise<StoredRevision | null> {
  const { essayRevisions } = getDb().schema;
  const [row] = await tx.select().from(essayRevisions).where(eq(essayRevisions.essayPath, essayPath)).orderBy(desc(essayRevisions.firstSeenAt), desc(essayRevisions.id)).limit(1);
  return row ? storedRevision(row) : null;
}

export async function findRevision(id: string, db: Db = getDb().db): Promise<StoredRevision | null> {
  const { essayRevisions } = getDb().schema;
  const [row] = await db.select().from(essayRevisions).where(eq(essayRevisions.id, id)).limit(1);
  return row ? storedRevision(row) : null;
}

/**
 * The revision `blocks` is or would be, without writing: the stored one, or the ids it would get
 * if recorded now (carried from the latest stored revision). For the build, which must not change
 * a shared database (decision 028): the running site records it on its first render.
 */
export async function plannedRevision(essayPath: string, blocks: readonly BlockText[]): Promise<StoredRevision> {
  const id = revisionId(essayPath, blocks);
  const existing = await findRevision(id);
  if (existing) return existing;
  const previous = await latestRevision(getDb().db, essayPath);
  return { id, essayPath, blocks: carryBlockIds(previous?.blocks ?? [], [...blocks]), previousId: previous?.id ?? null };
}

/**
 * Records the revision of an essay whose blocks are `blocks` (the first time any instance builds or
 * serves it) and re-anchors every passage of the essay to it; answers the stored revision, with
 * its block ids. Its ids are carried from the latest stored revision. Two instances recording the
 * same revision at once insert the same id; the first row wins and both answer it.
 */
export async function recordRevision(essayPath: string, blocks: readonly BlockText[], now = new Date()): Promise<{ revision: StoredRevision; created: boolean; reanchored: number }> {
  const id = revisionId(essayPath, blocks);
  const existing = await findRevision(id);
  if (existing) return { revision: existing, created: false, reanchored: 0 };
  const { essayRevisions } = getDb().schema;
  return withTransaction(async (tx) => {
    const previous = await latestRevision(tx, essayPath);
    const carried = carryBlockIds(previous?.blocks ?? [], [...blocks]);
    const inserted = await tx
      .insert(essayRevisions)
      .values({ id, essayPath, blocks: JSON.stringify(carried), previousId: previous?.id ?? null, firstSeenAt: now })
      .onConflictDoNothing()
      .returning({ id: essayRevisions.id });
    const revision = inserted.length > 0 ? { id, essayPath, blocks: carried, previousId: previous?.id ?? null } : await findRevision(id, tx);
    if (!revision) throw new Error(`essay revision ${id} was neither inserted nor found`);
    const reanchored = inserted.length > 0 ? await reanchorEssay(tx, essayPath, revision) : 0;
    return { revision, created: inserted.length > 0, reanchored };
  });
}

/**
 * Moves every passage of the essay from the revision it was written on to `to` (one diff per block
 * pair, shared by all passages written on the same revision), and stores each placement.
 */
async function reanchorEssay(tx: Db, essayPath: string, to: StoredRevision): Promise<number> {
  const { commentPassages, essayRevisions } = getDb().schema;
  const rows = await tx
    .select({ passage: commentPassages, revisionBlocks: essayRevisions.blocks })
    .from(commentPassages)
    .innerJoin(essayRevisions, eq(essayRevisions.id, commentPassages.revisionId))
    .where(eq(essayRevisions.essayPath, essayPath));
  const reanchorers = new Map<string, Reanchorer>();
  for (const { passage, revisionBlocks } of rows) {
    let reanchorer = reanchorers.get(passage.revisionId);
    if (!reanchorer) reanchorers.set(passage.revisionId, (reanchorer = new Reanchorer(parseBlocks(revisionBlocks), to.blocks)));
    const placement = reanchorer.place(anchorOf(passage));
    await tx.update(commentPassages).set(placementColumns(to.id, placement)).where(eq(commentPassages.commentId, passage.commentId));
  }
  return rows.length;
}

type PassageRow = typeof import("@/db/schema/pg").commentPassages.$inferSelect;

const anchorOf = (row: PassageRow): PassageAnchor => ({
  revision: row.revisionId,
  block: row.blockId,
  start: row.startOffset,
  end: row.endOffset,
  exact: row.exact,
  prefix: row.prefix,
  suffix: row.suffix,
});

function placementColumns(revisionId: string, placement: Placement) {
  return placement.status === "orphaned"
    ? { placedRevisionId: revisionId, placement: placement.status, placedBlockId: placement.near, placedStart: null, placedEnd: null }
    : { placedRevisionId: revisionId, placement: placement.status, placedBlockId: placement.block, placedStart: placement.start, placedEnd: placement.end };
}

export type PassageInput = { revisionId: string; blockId: string; start: number; end: number; exact: string };
export type PassageRefusal = "unknown-revision" | "other-essay" | "unknown-block" | "outside-block" | "quote-mismatch" | "empty" | "too-long";

/**
 * Checks a passage a reader is responding to against the stored revision and answers the row to
 * store with the comment (or why not): the offsets inside the block, the quote its exact text, the
 * context cut from the revision's own text (never taken from the request).
 */
export async function checkPassage(tx: Db, essayPath: string, input: PassageInput): Promise<{ ok: true; values: Omit<PassageRow, "commentId"> } | { ok: false; reason: PassageRefusal }> {
  const revision = await findRevision(input.revisionId, tx);
  if (!revision) return { ok: false, reason: "unknown-revision" };
  if (revision.essayPath !== essayPath) return { ok: false, reason: "other-essay" };
  const block = revision.blocks.find((candidate) => candidate.id === input.blockId);
  if (!block) return { ok: false, reason: "unknown-block" };
  const quote = quoteBlock(block.text, input.start, input.end);
  if ("problem" in quote) return { ok: false, reason: quote.problem };
  if (quote.exact !== input.exact) return { ok: false, reason: "quote-mismatch" };
  // A passage written on an older revision than the latest is placed at once, like the others.
  const latest = await latestRevision(tx, essayPath);
  const anchor: PassageAnchor = { revision: revision.id, block: block.id, start: input.start, end: input.end, ...quote };
  const placement: Placement =
    !latest || latest.id === revision.id ? { status: "anchored", block: block.id, start: input.start, end: input.end, moved: false } : new Reanchorer(revision.blocks, latest.blocks).place(anchor);
  return {
    ok: true,
    values: {
      revisionId: revision.id,
      blockId: block.id,
      startOffset: input.start,
      endOffset: input.end,
      exact: quote.exact,
      prefix: quote.prefix,
      suffix: quote.suffix,
      ...placementColumns(latest?.id ?? revision.id, placement),
    },
  };
}

/** Stores a checked passage for a comment inserted in the same transaction. */
export async function insertPassage(tx: Db, commentId: number, values: Omit<PassageRow, "commentId">): Promise<void> {
  await tx.insert(getDb().schema.commentPassages).values({ commentId, ...values });
}

export type PlacedPassage = { commentId: number; exact: string; revisionId: string; placement: Placement["status"]; blockId: string | null; start: number | null; end: number | null };

/** The passages of some comments, as placed in the latest revision (for the thread's quotes and the essay's highlights). */
export async function passagesOf(commentIds: readonly number[]): Promise<PlacedPassage[]> {
  if (commentIds.length === 0) return [];
  const { db, schema } = getDb();
  const { commentPassages } = schema;
  return db
    .select({
      commentId: commentPassages.commentId,
      exact: commentPassages.exact,
      revisionId: commentPassages.revisionId,
      placement: commentPassages.placement,
      blockId: commentPassages.placedBlockId,
      start: commentPassages.placedStart,
      end: commentPassages.placedEnd,
    })
    .from(commentPassages)
    .where(inArray(commentPassages.commentId, [...commentIds]));
}

/**
 * A thread comment's passage: its words as written, the revision and block they were written on,
 * and where they are now (`blockId`: their block, or for an orphan the nearest surviving one).
 */
export type ThreadPassage = { commentId: number; exact: string; placement: Placement["status"]; revisionId: string; writtenBlockId: string; blockId: string | null };

/** The passages of the comments under an essay, for its thread: one query for the whole thread. */
export async function threadPassages(essayPath: string): Promise<ThreadPassage[]> {
  const { db, schema } = getDb();
  const { commentPassages, comments } = schema;
  return db
    .select({
      commentId: commentPassages.commentId,
      exact: commentPassages.exact,
      placement: commentPassages.placement,
      revisionId: commentPassages.revisionId,
      writtenBlockId: commentPassages.blockId,
      blockId: commentPassages.placedBlockId,
    })
    .from(commentPassages)
    .innerJoin(comments, eq(comments.id, commentPassages.commentId))
    .where(eq(comments.essayPath, essayPath));
}

/** `earlier`: orphaned passages placed at this block, the nearest survivor of where they were. */
export type BlockPassages = { blockId: string; ranges: [number, number][]; count: number; firstCommentId: number; earlier?: { count: number; firstCommentId: number } };

/**
 * What the essay page marks: per block of `revisionId`, the anchored ranges and how many shown
 * comments respond there (changed ones count, their words are no longer there to mark), and the
 * responses to passages later versions no longer have, at the nearest surviving block.
 */
export async function passagesByBlock(essayPath: string, revisionId: string): Promise<BlockPassages[]> {
  const { db, schema } = getDb();
  const { commentPassages, comments } = schema;
  const rows = await db
    .select({ commentId: commentPassages.commentId, blockId: commentPassages.placedBlockId, start: commentPassages.placedStart, end: commentPassages.placedEnd, placement: commentPassages.placement })
    .from(commentPassages)
    .innerJoin(comments, eq(comments.id, commentPassages.commentId))
    .where(and(eq(comments.essayPath, essayPath), eq(commentPassages.placedRevisionId, revisionId), eq(comments.status, "published"), isNull(comments.deletedAt)))
    .orderBy(asc(commentPassages.commentId));
  const byBlock = new Map<string, BlockPassages>();
  for (const row of rows) {
    if (row.blockId === null) continue;
    let block = byBlock.get(row.blockId);
    if (!block) byBlock.set(row.blockId, (block = { blockId: row.blockId, ranges: [], count: 0, firstCommentId: row.commentId }));
    if (row.placement === "orphaned") {
      block.earlier ??= { count: 0, firstCommentId: row.commentId };
      block.earlier.count += 1;
      continue;
    }
    if (block.count === 0) block.firstCommentId = row.commentId;
    block.count += 1;
    if (row.placement === "anchored" && row.start !== null && row.end !== null) block.ranges.push([row.start, row.end]);
  }
  return [...byBlock.values()];
}

/** Orphaned passages of an essay, for the writer's page: the quote, the comment, the revision written on. */
export async function orphanedPassages(essayPath: string): Promise<{ commentId: number; exact: string; revisionId: string; nearBlockId: string | null }[]> {
  const { db, schema } = getDb();
  const { commentPassages, essayRevisions } = schema;
  return db
    .select({ commentId: commentPassages.commentId, exact: commentPassages.exact, revisionId: commentPassages.revisionId, nearBlockId: commentPassages.placedBlockId })
    .from(commentPassages)
    .innerJoin(essayRevisions, eq(essayRevisions.id, commentPassages.revisionId))
    .where(and(eq(essayRevisions.essayPath, essayPath), eq(commentPassages.placement, "orphaned")));
}

export type OrphanListing = { commentId: number; essayPath: string; exact: string; revisionId: string; nearBlockText: string | null };

/**
 * Every orphaned passage (issue 15), for /admin: the quote as written, its comment, the revision it
 * was written on, and the text of the nearest surviving block it is shown at. Two queries: the
 * orphans, then the revisions they are placed in (a handful), whatever the number of orphans.
 */
export async function listOrphanedPassages({ limit, offset }: { limit: number; offset: number }): Promise<OrphanListing[]> {
  const { db, schema } = getDb();
  const { commentPassages, essayRevisions, comments } = schema;
  const rows = await db
    .select({
      commentId: commentPassages.commentId,
      essayPath: comments.essayPath,
      exact: commentPassages.exact,
      revisionId: commentPassages.revisionId,
      placedRevisionId: commentPassages.placedRevisionId,
      nearBlockId: commentPassages.placedBlockId,
    })
    .from(commentPassages)
    .innerJoin(comments, eq(comments.id, commentPassages.commentId))
    .where(and(eq(commentPassages.placement, "orphaned"), isNull(comments.deletedAt)))
    .orderBy(desc(commentPassages.commentId))
    .limit(limit)
    .offset(offset);
  const placedIds = [...new Set(rows.map((row) => row.placedRevisionId))];
  const placedIn = placedIds.length === 0 ? [] : await db.select().from(essayRevisions).where(inArray(essayRevisions.id, placedIds));
  const blockText = new Map(placedIn.flatMap((row) => parseBlocks(row.blocks).map((block) => [`${row.id} ${block.id}`, block.text] as const)));
  return rows.map(({ placedRevisionId, nearBlockId, ...row }) => ({ ...row, nearBlockText: nearBlockId ? (blockText.get(`${placedRevisionId} ${nearBlockId}`) ?? null) : null }));
}
