import "server-only";
import { createHash } from "node:crypto";
import { and, asc, desc, eq, inArray, isNull } from "drizzle-orm";
import { getDb, withTransaction, type Db } from "@/db/client";
import { withModeratorTransaction, type ModeratorRequest, type NotModerator } from "@/db/queries/moderation";
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
 * Moves every passage of the essay from the revision it was written on (or, for one the writer
 * re-attached by hand, from the words chosen then) to `to`: one diff per block pair, shared by all
 * passages from the same revision, and stores each placement.
 */
async function reanchorEssay(tx: Db, essayPath: string, to: StoredRevision): Promise<number> {
  const { commentPassages, comments, essayRevisions } = getDb().schema;
  const rows = await tx
    .select({ passage: commentPassages })
    .from(commentPassages)
    .innerJoin(comments, eq(comments.id, commentPassages.commentId))
    .where(eq(comments.essayPath, essayPath));
  const fromIds = [...new Set(rows.map(({ passage }) => passage.attachedRevisionId ?? passage.revisionId))];
  const fromRevisions = fromIds.length === 0 ? [] : await tx.select({ id: essayRevisions.id, blocks: essayRevisions.blocks }).from(essayRevisions).where(inArray(essayRevisions.id, fromIds));
  const blocksOf = new Map(fromRevisions.map((row) => [row.id, parseBlocks(row.blocks)] as const));
  const reanchorers = new Map([...blocksOf].map(([id, blocks]) => [id, new Reanchorer(blocks, to.blocks)] as const));
  for (const { passage } of rows) {
    const anchor = passage.attachedRevisionId ? attachedAnchorOf(passage, blocksOf.get(passage.attachedRevisionId) ?? []) : anchorOf(passage);
    const reanchorer = reanchorers.get(anchor?.revision ?? "");
    const placement: Placement = anchor && reanchorer ? reanchorer.place(anchor) : { status: "orphaned", near: null };
    // Words the writer chose by hand are the quote's place, not its words: anchored only if they are the very same.
    const honest = placement.status === "anchored" && anchor && anchor.exact !== passage.exact ? { ...placement, status: "changed" as const } : placement;
    await tx.update(commentPassages).set(placementColumns(to.id, honest)).where(eq(commentPassages.commentId, passage.commentId));
  }
  return rows.length;
}

type PassageRow = typeof import("@/db/schema/pg").commentPassages.$inferSelect;
/** A new passage's row: never re-attached yet. */
type NewPassageValues = Omit<PassageRow, "commentId" | "attachedRevisionId" | "attachedBlockId" | "attachedStart" | "attachedEnd">;

const anchorOf = (row: PassageRow): PassageAnchor => ({
  revision: row.revisionId,
  block: row.blockId,
  start: row.startOffset,
  end: row.endOffset,
  exact: row.exact,
  prefix: row.prefix,
  suffix: row.suffix,
});

/** The anchor of the words a writer re-attached a passage to, in the revision they chose them in. */
function attachedAnchorOf(row: PassageRow, blocks: Block[]): PassageAnchor | null {
  const block = blocks.find((candidate) => candidate.id === row.attachedBlockId);
  if (!block || row.attachedRevisionId === null || row.attachedStart === null || row.attachedEnd === null) return null;
  const quote = quoteBlock(block.text, row.attachedStart, row.attachedEnd);
  return "problem" in quote ? null : { revision: row.attachedRevisionId, block: block.id, start: row.attachedStart, end: row.attachedEnd, ...quote };
}

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
export async function checkPassage(tx: Db, essayPath: string, input: PassageInput): Promise<{ ok: true; values: NewPassageValues } | { ok: false; reason: PassageRefusal }> {
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
export async function insertPassage(tx: Db, commentId: number, values: NewPassageValues): Promise<void> {
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

/** `blocks`: the paragraphs of the version it is shown in (headings left out), to re-attach it to one. */
export type OrphanListing = { commentId: number; essayPath: string; exact: string; revisionId: string; nearBlockId: string | null; nearBlockText: string | null; blocks: { id: string; text: string }[] };

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
  const blocksOf = new Map(placedIn.map((row) => [row.id, parseBlocks(row.blocks).filter((block) => block.kind !== "heading").map(({ id, text }) => ({ id, text }))] as const));
  return rows.map(({ placedRevisionId, nearBlockId, ...row }) => {
    const blocks = blocksOf.get(placedRevisionId) ?? [];
    return { ...row, nearBlockId, nearBlockText: blocks.find((block) => block.id === nearBlockId)?.text ?? null, blocks };
  });
}

export type ReattachRefusal = "not-found" | "unknown-block" | "words-not-found" | "words-ambiguous";
export type ReattachResult = { ok: true; changed: boolean; essayPath: string; placement: "anchored" | "changed" } | NotModerator | { ok: false; reason: ReattachRefusal };

/**
 * The writer re-attaches a passage (an orphan, typically) by hand, from /admin: to `words` in
 * block `blockId` of the essay's latest revision. The words must occur exactly once in the block.
 * The comment keeps its quote as written; the passage is "anchored" only if the words are that
 * quote, otherwise "changed" (shown with its original quote). Logged; a repeat changes nothing.
 */
export async function reattachPassage({ commentId, blockId, words, actor, now = new Date() }: ModeratorRequest & { commentId: number; blockId: string; words: string }): Promise<ReattachResult> {
  const { commentPassages, comments } = getDb().schema;
  return withModeratorTransaction(actor, now, async (tx, log): Promise<ReattachResult> => {
    const [row] = await tx
      .select({ passage: commentPassages, essayPath: comments.essayPath, authorId: comments.authorId })
      .from(commentPassages)
      .innerJoin(comments, eq(comments.id, commentPassages.commentId))
      .where(and(eq(commentPassages.commentId, commentId), isNull(comments.deletedAt)))
      .limit(1);
    if (!row) return { ok: false, reason: "not-found" };
    const latest = await latestRevision(tx, row.essayPath);
    const block = latest?.blocks.find((candidate) => candidate.id === blockId);
    if (!latest || !block) return { ok: false, reason: "unknown-block" };
    const start = block.text.indexOf(words);
    if (start < 0) return { ok: false, reason: "words-not-found" };
    if (block.text.indexOf(words, start + 1) >= 0) return { ok: false, reason: "words-ambiguous" };
    const end = start + words.length;
    const placement = words === row.passage.exact ? ("anchored" as const) : ("changed" as const);
    const { passage } = row;
    if (passage.attachedRevisionId === latest.id && passage.attachedBlockId === block.id && passage.attachedStart === start && passage.attachedEnd === end) {
      return { ok: true, changed: false, essayPath: row.essayPath, placement };
    }
    await tx
      .update(commentPassages)
      .set({
        attachedRevisionId: latest.id,
        attachedBlockId: block.id,
        attachedStart: start,
        attachedEnd: end,
        placedRevisionId: latest.id,
        placement,
        placedBlockId: block.id,
        placedStart: start,
        placedEnd: end,
      })
      .where(eq(commentPassages.commentId, commentId));
    await log([{ action: "reattach-passage", commentId, essayPath: row.essayPath, targetUserId: row.authorId, reason: `Re-attached to “${words.length > 400 ? `${words.slice(0, 400)}…` : words}”` }]);
    return { ok: true, changed: true, essayPath: row.essayPath, placement };
  });
}
