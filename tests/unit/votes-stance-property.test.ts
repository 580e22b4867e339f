// Issue 13, item 2: stance (agree/disagree) never changes order, collapsing or paging. A property
// test over random threads and vote sets, written through setVote into a real migrated SQLite
// database and read back as the thread page reads them: getThreadByEssay → toThreadRows,
// getThreadVoteTallies (young accounts not counted) → attachVotes → threadPages
// (lib/comments/thread-pages.ts, the code lib/comments/thread-page.ts runs).
//
// What is claimed, precisely:
// - oldest, newest, best: permuting the stance votes of each comment among its readers, flipping
//   every stance vote (agree ↔ disagree), and the two rewrites below for "valued", each leave the
//   whole page layout identical: every page, every comment's place, depth, reply count, tombstone,
//   and every stance-free figure the page carries (rank, ▲ and ▼ counts, whether scores are hidden).
// - valued ("valued across disagreement") takes stance as an input by design: a comment ranks by
//   the ▲ of readers who also disagree with it. Its invariant is that stance enters only through
//   that number. So: changing, flipping, adding or removing the stance of any reader whose ▲ on a
//   comment is not counted (no ▲, or an account younger than VOTE_MIN_ACCOUNT_HOURS) never changes
//   the valued layout, nor does permuting stances among a comment's counted ▲ voters; and every
//   comment's valued rank is rankOf("valued", { up, down, upFromDisagreers }) computed from an
//   in-memory model of the votes, so the agree/disagree totals beyond those ▲ voters never enter.
// - Paging (pageConversations) and collapsing (reply counts, tombstones) are part of the layout
//   compared above, so they are covered for every order.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { inArray } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CommentNode, CommentOrder } from "@/lib/comments/build-tree";
import type { ThreadRow } from "@/lib/comments/cached-queries";
import { rankOf } from "@/lib/comments/ranking";
import { loadWithDatabaseUrl } from "../support/contract-databases";

async function loadModules(databaseUrl: string) {
  const [client, migrate, votes, comments, pages, env] = await loadWithDatabaseUrl(
    databaseUrl,
    () =>
      Promise.all([
        import("@/db/client"),
        import("@/db/migrate"),
        import("@/db/queries/votes"),
        import("@/db/queries/comments"),
        import("@/lib/comments/thread-pages"),
        import("@/env.js"),
      ]),
    // The smallest page allowed, so 20–80 comments make several pages.
    { COMMENTS_PER_PAGE: "10" },
  );
  return { client, migrate, votes, comments, pages, env: env.env };
}

const dir = fs.mkdtempSync(path.join(os.tmpdir(), "essays-stance-property-"));
let m: Awaited<ReturnType<typeof loadModules>>;

beforeAll(async () => {
  m = await loadModules(`file:${path.join(dir, "test.db")}`);
  await m.migrate.migrateDatabase();
});

afterAll(async () => {
  await m?.client.closeDb();
  fs.rmSync(dir, { recursive: true, force: true });
});

const HOUR = 3_600_000;
const NOW = new Date("2030-06-01T12:00:00.000Z");
const ORDERS: readonly CommentOrder[] = ["oldest", "newest", "best", "valued"];
const STANCE_FREE_ORDERS: readonly CommentOrder[] = ["oldest", "newest", "best"];

/** mulberry32: small, seeded, good enough to draw test cases. */
function prng(seed: number) {
  let state = seed >>> 0;
  const next = () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  const pick = <T>(items: readonly T[]): T => items[Math.floor(next() * items.length)]!;
  const shuffle = <T>(items: readonly T[]): T[] => {
    const out = [...items];
    for (let i = out.length - 1; i > 0; i--) {
      const j = Math.floor(next() * (i + 1));
      [out[i], out[j]] = [out[j]!, out[i]!];
    }
    return out;
  };
  return { next, int, pick, shuffle };
}
type Rng = ReturnType<typeof prng>;

type Stance = "agree" | "disagree" | null;
type Value = { value: "up" | "down"; reason: "off-topic" | "repetitive" | "no-argument" | null } | null;
type Voter = { id: string; counted: boolean };
type Comment = { id: number; parentId: number | null; authorId: string | null; parentAuthorId: string | null };
/** The model: every reader's vote on each axis of each comment, as written through setVote. */
type Case = {
  essayPath: string;
  voters: Voter[];
  comments: Comment[];
  value: Map<number, Map<string, Value>>;
  stance: Map<number, Map<string, Stance>>;
};

let userCounter = 0;
let essayCounter = 0;

/** A random thread (20–80 comments, nested), 10–40 readers of both ages, and their votes, stored. */
async function makeCase(rng: Rng): Promise<Case> {
  const { db, schema } = m.client.getDb();
  const essayPath = `/property/06/01/essay-${++essayCounter}`;
  const eligibleBefore = NOW.getTime() - m.env.VOTE_MIN_ACCOUNT_HOURS * HOUR;

  // Ages on both sides of VOTE_MIN_ACCOUNT_HOURS, and exactly on it (counted: "at or before").
  const voterCount = rng.int(10, 40);
  const created = Array.from({ length: voterCount }, (_, i) => {
    if (i === 0) return eligibleBefore;
    if (i === 1) return eligibleBefore + 1;
    if (i < 4) return NOW.getTime() - rng.int(0, m.env.VOTE_MIN_ACCOUNT_HOURS * 60 - 1) * 60_000;
    return rng.next() < 0.3 ? NOW.getTime() - rng.int(0, m.env.VOTE_MIN_ACCOUNT_HOURS * 60 - 1) * 60_000 : eligibleBefore - rng.int(0, 400 * 24) * HOUR;
  });
  const inserted = await db
    .insert(schema.users)
    .values(created.map((ms) => ({ email: `property${++userCounter}@example.org`, name: `Reader ${userCounter}`, createdAt: new Date(ms) })))
    .returning({ id: schema.users.id, createdAt: schema.users.createdAt });
  const voters = inserted.map((row) => ({ id: row.id, counted: row.createdAt.getTime() <= eligibleBefore }));

  // Comments in time order (some at the same instant), replies to any earlier comment, posted
  // over the last three days, so some are still inside VOTES_HIDDEN_HOURS.
  const commentCount = rng.int(20, 80);
  const comments: Comment[] = [];
  let time = NOW.getTime() - 72 * HOUR;
  for (let i = 0; i < commentCount; i++) {
    if (rng.next() > 0.15) time = Math.min(NOW.getTime() - 60_000, time + rng.int(1, Math.floor((140 * HOUR) / commentCount)));
    const parent = i > 0 && rng.next() < 0.5 ? rng.pick(comments) : undefined;
    const authorId = rng.next() < 0.1 ? null : rng.pick(voters).id;
    const [row] = await db
      .insert(schema.comments)
      .values({ essayPath, parentId: parent?.id ?? null, authorId, authorName: authorId ? null : "Imported", body: "Words", bodyHtml: "<p>Words</p>", createdAt: new Date(time) })
      .returning({ id: schema.comments.id });
    comments.push({ id: row!.id, parentId: parent?.id ?? null, authorId, parentAuthorId: parent?.authorId ?? null });
  }

  const value = new Map<number, Map<string, Value>>();
  const stance = new Map<number, Map<string, Stance>>();
  for (const comment of comments) {
    value.set(comment.id, new Map());
    stance.set(comment.id, new Map());
  }
  const c: Case = { essayPath, voters, comments, value, stance };

  // Some readers vote a lot, some hardly at all; a few comments draw many votes.
  const activity = new Map(voters.map((voter) => [voter.id, rng.next() * 0.6]));
  const draw = new Map(comments.map((comment) => [comment.id, rng.next() < 0.2 ? 0.9 : 0.4]));
  for (const comment of comments) {
    for (const voter of voters) {
      if (voter.id === comment.authorId) continue;
      const p = activity.get(voter.id)! * draw.get(comment.id)!;
      if (rng.next() < p) {
        // No ▼ on a direct reply to oneself: setVote refuses it, so such a reader gives ▲.
        const down = rng.next() < 0.35 && comment.parentAuthorId !== voter.id;
        await writeValue(c, comment, voter.id, down ? { value: "down", reason: rng.pick(["off-topic", "repetitive", "no-argument"] as const) } : { value: "up", reason: null });
      }
      if (rng.next() < p) await writeStance(c, comment, voter.id, rng.next() < 0.5 ? "agree" : "disagree");
    }
  }

  // After the votes: moderators hide some, authors delete some (their replies keep them as
  // tombstones), and a few are held for approval again (their replies show as orphans). Votes stay
  // on all of them.
  const hidden: number[] = [];
  const deleted: number[] = [];
  const pending: number[] = [];
  for (const comment of comments) {
    const roll = rng.next();
    if (roll < 0.08) hidden.push(comment.id);
    else if (roll < 0.18) deleted.push(comment.id);
    else if (roll < 0.22) pending.push(comment.id);
  }
  if (hidden.length) await db.update(schema.comments).set({ status: "hidden", moderationReason: "Rude" }).where(inArray(schema.comments.id, hidden));
  if (deleted.length) await db.update(schema.comments).set({ deletedAt: NOW }).where(inArray(schema.comments.id, deleted));
  if (pending.length) await db.update(schema.comments).set({ status: "pending" }).where(inArray(schema.comments.id, pending));
  return c;
}

async function writeValue(c: Case, comment: Comment, voterId: string, vote: Value) {
  const result = await m.votes.setVote({ voterId, commentId: comment.id, essayPath: c.essayPath, axis: "value", value: vote?.value ?? null, reason: vote?.reason ?? null, now: NOW });
  expect(result).toMatchObject({ ok: true });
  c.value.get(comment.id)!.set(voterId, vote);
}

async function writeStance(c: Case, comment: Comment, voterId: string, stance: Stance) {
  const result = await m.votes.setVote({ voterId, commentId: comment.id, essayPath: c.essayPath, axis: "stance", value: stance, reason: null, now: NOW });
  expect(result).toMatchObject({ ok: true });
  c.stance.get(comment.id)!.set(voterId, stance);
}

/**
 * Rewrites stance votes through setVote: `next` gives each (comment, reader) its new stance.
 * setVote refuses votes on hidden, deleted and pending comments, so their visibility is lifted
 * for the rewrite and put back after, exactly as it was (votes outlive moderation anyway).
 */
async function rewriteStances(c: Case, next: (comment: Comment, voterId: string, current: Stance) => Stance): Promise<number> {
  const { db, schema } = m.client.getDb();
  const { comments } = schema;
  const ids = c.comments.map((comment) => comment.id);
  const saved = await db.select({ id: comments.id, status: comments.status, deletedAt: comments.deletedAt, moderationReason: comments.moderationReason }).from(comments).where(inArray(comments.id, ids));
  await db.update(comments).set({ status: "published", deletedAt: null, moderationReason: null }).where(inArray(comments.id, ids));
  let changed = 0;
  for (const comment of c.comments) {
    for (const voter of c.voters) {
      if (voter.id === comment.authorId) continue;
      const current = c.stance.get(comment.id)!.get(voter.id) ?? null;
      const stance = next(comment, voter.id, current);
      if (stance === current) continue;
      await writeStance(c, comment, voter.id, stance);
      changed++;
    }
  }
  for (const row of saved) {
    if (row.status !== "published" || row.deletedAt !== null) {
      await db.update(comments).set({ status: row.status, deletedAt: row.deletedAt, moderationReason: row.moderationReason }).where(inArray(comments.id, [row.id]));
    }
  }
  return changed;
}

/** Whose ▲ on the comment counts: readers old enough who cast ▲. */
const countedUp = (c: Case, comment: Comment) => c.voters.filter((voter) => voter.counted && c.value.get(comment.id)!.get(voter.id)?.value === "up");

/** One line per comment per page, in reading order: what the page shows and where. */
type Layout = { lines: string[]; rows: ThreadRow[] };

/** What the thread page computes, in every order, from what is stored now. */
async function pageLayouts(c: Case): Promise<Record<CommentOrder, Layout>> {
  const rows = m.pages.toThreadRows(await m.comments.getThreadByEssay({ essayPath: c.essayPath }));
  const tallies = await m.votes.getThreadVoteTallies({ essayPath: c.essayPath, eligibleBefore: new Date(NOW.getTime() - m.env.VOTE_MIN_ACCOUNT_HOURS * HOUR) });
  const out = {} as Record<CommentOrder, Layout>;
  for (const order of ORDERS) {
    const withVotes = m.pages.attachVotes(rows, tallies, order, { now: NOW, hiddenHours: m.env.VOTES_HIDDEN_HOURS });
    const pages = m.pages.threadPages(withVotes, order, m.env.COMMENTS_PER_PAGE);
    out[order] = { lines: layoutLines(pages), rows: withVotes };
  }
  return out;
}

function layoutLines(pages: CommentNode<ThreadRow>[][]): string[] {
  const lines: string[] = [];
  pages.forEach((page, index) => {
    const stack = [...page].reverse();
    while (stack.length) {
      const node = stack.pop()!;
      const { comment } = node;
      lines.push(
        [
          `page ${index + 1}`,
          `${"  ".repeat(node.depth)}#${comment.id}`,
          `replies ${node.replyCount}`,
          node.tombstone ?? "shown",
          node.orphan ? "orphan" : "",
          // What the page carries from the value axis: no stance in it. A comment whose only
          // counted votes were stances has no tally row (undefined), which shows as zeros.
          `rank ${comment.rank ?? "-"}`,
          comment.votesHidden ? "scores hidden" : `▲${comment.votes?.up ?? 0} ▼${comment.votes?.down ?? 0}`,
        ].join(" | "),
      );
      for (let i = node.children.length - 1; i >= 0; i--) stack.push(node.children[i]!);
    }
  });
  return lines;
}

/** Every row's votes agree with the model: counted voters only, and ▲-from-disagreers as defined. */
function expectMatchesModel(c: Case, layouts: Record<CommentOrder, Layout>) {
  const byId = new Map(c.comments.map((comment) => [comment.id, comment]));
  for (const row of layouts.valued.rows) {
    const comment = byId.get(row.id)!;
    const counted = c.voters.filter((voter) => voter.counted);
    const up = countedUp(c, comment).length;
    const down = counted.filter((voter) => c.value.get(comment.id)!.get(voter.id)?.value === "down").length;
    const agree = counted.filter((voter) => c.stance.get(comment.id)!.get(voter.id) === "agree").length;
    const disagree = counted.filter((voter) => c.stance.get(comment.id)!.get(voter.id) === "disagree").length;
    const upFromDisagreers = countedUp(c, comment).filter((voter) => c.stance.get(comment.id)!.get(voter.id) === "disagree").length;
    expect(row.rank, `valued rank of #${row.id}`).toBe(rankOf("valued", { up, down, upFromDisagreers }));
    // No tally row without a counted vote: the page then carries no counts at all.
    if (!row.votesHidden) expect(row.votes, `counts of #${row.id}`).toEqual(up + down + agree + disagree > 0 ? { up, down, agree, disagree, upFromDisagreers } : undefined);
  }
}

function expectSameStanceFreeLayouts(actual: Record<CommentOrder, Layout>, expected: Record<CommentOrder, Layout>, what: string) {
  for (const order of STANCE_FREE_ORDERS) expect(actual[order].lines, `${order} after ${what}`).toEqual(expected[order].lines);
}

/** Stance totals of all comments, to show a rewrite changed what the tallies count. */
const stanceTotals = (layout: Layout) => layout.rows.map((row) => `${row.id}:${row.votes?.agree ?? 0}/${row.votes?.disagree ?? 0}`).join(" ");

// What the cases covered, checked at the end so the property is not vacuously true.
const seen = { stanceTotalsChanged: 0, redrawChangedTotals: 0, pages: 0, valuedMoved: 0, valuedDiffersFromBest: 0, hiddenScores: 0, tombstones: 0, orphans: 0, young: 0, upFromDisagreers: 0 };

const SEEDS = Array.from({ length: 32 }, (_, i) => 1_000 + i * 7_919);

describe("stance never changes the thread page (issue 13, item 2)", () => {
  it.each(SEEDS)("random thread and votes, seed %i", async (seed) => {
    const rng = prng(seed);
    const c = await makeCase(rng);
    const before = await pageLayouts(c);
    expectMatchesModel(c, before);

    // 1. Each comment's stance votes permuted among the readers who may vote on it.
    const permuted = new Map(
      c.comments.map((comment) => {
        const readers = c.voters.filter((voter) => voter.id !== comment.authorId).map((voter) => voter.id);
        const stances = rng.shuffle(readers.map((id) => c.stance.get(comment.id)!.get(id) ?? null));
        return [comment.id, new Map(readers.map((id, i) => [id, stances[i]!]))];
      }),
    );
    await rewriteStances(c, (comment, voterId) => permuted.get(comment.id)!.get(voterId)!);
    const afterPermute = await pageLayouts(c);
    expectSameStanceFreeLayouts(afterPermute, before, "permuting stances");
    expectMatchesModel(c, afterPermute);

    // 2. Every stance vote flipped.
    const beforeFlip = afterPermute;
    await rewriteStances(c, (_, __, current) => (current === "agree" ? "disagree" : current === "disagree" ? "agree" : null));
    const afterFlip = await pageLayouts(c);
    expectSameStanceFreeLayouts(afterFlip, before, "flipping every stance");
    expectMatchesModel(c, afterFlip);
    if (stanceTotals(afterFlip.valued) !== stanceTotals(beforeFlip.valued)) seen.stanceTotalsChanged++;
    if (afterFlip.valued.lines.join("\n") !== beforeFlip.valued.lines.join("\n")) seen.valuedMoved++;

    // 3. valued: any change to the stance of readers whose ▲ on that comment does not count
    // (no ▲, or too young) leaves its order, ranks and pages as they were...
    const choices: Stance[] = ["agree", "disagree", null];
    await rewriteStances(c, (comment, voterId, current) =>
      rng.next() < 0.7 || countedUp(c, comment).some((voter) => voter.id === voterId) ? current : rng.pick(choices),
    );
    const afterRedraw = await pageLayouts(c);
    expect(afterRedraw.valued.lines, "valued after changing the stance of readers without a counted ▲").toEqual(afterFlip.valued.lines);
    expectSameStanceFreeLayouts(afterRedraw, before, "redrawing stances");
    expectMatchesModel(c, afterRedraw);
    if (stanceTotals(afterRedraw.valued) !== stanceTotals(afterFlip.valued)) seen.redrawChangedTotals++;

    // ...and so does permuting stances among a comment's counted ▲ voters: only how many of them
    // disagree enters the rank.
    const amongUp = new Map(
      c.comments.map((comment) => {
        const ups = countedUp(c, comment).map((voter) => voter.id);
        const stances = rng.shuffle(ups.map((id) => c.stance.get(comment.id)!.get(id) ?? null));
        return [comment.id, new Map(ups.map((id, i) => [id, stances[i]!]))];
      }),
    );
    await rewriteStances(c, (comment, voterId, current) => {
      const among = amongUp.get(comment.id)!;
      return among.has(voterId) ? among.get(voterId)! : current;
    });
    const afterUpPermute = await pageLayouts(c);
    expect(afterUpPermute.valued.lines, "valued after permuting stances among the counted ▲ voters").toEqual(afterFlip.valued.lines);
    expectSameStanceFreeLayouts(afterUpPermute, before, "permuting stances among ▲ voters");
    expectMatchesModel(c, afterUpPermute);

    const lines = before.oldest.lines;
    if (lines.some((line) => line.startsWith("page 2 "))) seen.pages++;
    if (lines.some((line) => line.includes("scores hidden"))) seen.hiddenScores++;
    if (lines.some((line) => / \| (hidden|deleted) \| /.test(line))) seen.tombstones++;
    if (lines.some((line) => line.includes("| orphan |"))) seen.orphans++;
    if (c.voters.some((voter) => !voter.counted && c.comments.some((comment) => c.value.get(comment.id)!.get(voter.id)))) seen.young++;
    if (afterFlip.valued.rows.some((row) => (row.votes?.upFromDisagreers ?? 0) > 0)) seen.upFromDisagreers++;
    const ids = (layout: Layout) => layout.lines.map((line) => line.split(" | ")[1]);
    if (ids(afterFlip.valued).join() !== ids(afterFlip.best).join()) seen.valuedDiffersFromBest++;
  });

  it("covered what it claims: several pages, tombstones, orphans, hidden scores, young voters, and a valued order stance moves", () => {
    // The rewrites changed the stance totals the page shows, so "identical" is not for want of a change.
    expect(seen.stanceTotalsChanged).toBeGreaterThan(SEEDS.length / 2);
    expect(seen.redrawChangedTotals).toBeGreaterThan(SEEDS.length / 2);
    expect(seen.pages).toBeGreaterThan(SEEDS.length / 2);
    expect(seen.tombstones).toBeGreaterThan(SEEDS.length / 2);
    expect(seen.orphans).toBeGreaterThan(0);
    expect(seen.hiddenScores).toBeGreaterThan(SEEDS.length / 2);
    expect(seen.young).toBeGreaterThan(SEEDS.length / 2);
    expect(seen.upFromDisagreers).toBeGreaterThan(SEEDS.length / 2);
    // Stance does move "valued" (it is its input): a test that could never see that would prove nothing.
    expect(seen.valuedMoved).toBeGreaterThan(0);
    expect(seen.valuedDiffersFromBest).toBeGreaterThan(0);
  });
});
