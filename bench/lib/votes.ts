// What bench:comments does with votes (issue 13): seeds a thread's votes straight into the
// database (as the app stores them: docs/decisions/037), and casts votes through the JSON
// route, 10 readers at a time, each request timed. Deterministic for a given seed.
import http from "node:http";
import { random, type SeedPlan, type SqlClient, type Reader } from "./comment-seed";
import { percentile, timedRequest } from "./load";

const REASONS = ["off-topic", "repetitive", "no-argument"] as const;

export type VoteSeed = { votes: number; up: number; down: number; agree: number; disagree: number; upFromDisagreers: number; seconds: number };

type Row = { commentId: number; voterId: string; axis: "value" | "stance"; value: string; reason: string | null; at: Date };

/**
 * `total` votes on the seeded thread by its own readers (plan.users), never on one's own comment
 * and never a ▼ on a direct reply to oneself (the rules castVote enforces): ~60 % value (3 ▲ to
 * 1 ▼, every ▼ with a reason), ~40 % stance (evenly split). Inserted in one transaction, 500 rows a statement.
 */
export async function seedVotes(client: SqlClient, plan: SeedPlan, commentIds: number[], total: number, seed: number): Promise<VoteSeed> {
  const started = performance.now();
  const rand = random(seed);
  const authorOf = (index: number) => plan.users[plan.comments[index]!.author]!.id;
  const taken = new Set<string>();
  const rows: Row[] = [];
  const capacity = commentIds.length * (plan.users.length - 1) * 2;
  if (total > capacity * 0.8) throw new Error(`${total} votes do not fit ${commentIds.length} comments × ${plan.users.length - 1} voters × 2 axes`);
  while (rows.length < total) {
    const index = Math.floor(rand() * commentIds.length);
    const voterId = plan.users[Math.floor(rand() * plan.users.length)]!.id;
    const axis = rand() < 0.6 ? "value" : "stance";
    const key = `${index}:${voterId}:${axis}`;
    if (voterId === authorOf(index) || taken.has(key)) continue;
    let value: string;
    let reason: string | null = null;
    if (axis === "stance") value = rand() < 0.5 ? "agree" : "disagree";
    else if (rand() < 0.75) value = "up";
    else {
      const parent = plan.comments[index]!.parent;
      if (parent !== null && authorOf(parent) === voterId) continue;
      value = "down";
      reason = REASONS[Math.floor(rand() * REASONS.length)]!;
    }
    taken.add(key);
    const comment = plan.comments[index]!;
    // After the comment, within its first week (the seeded comments are 1 to 30 days old).
    const at = new Date(Math.min(Date.now() - 60_000, comment.createdAt.getTime() + Math.floor(rand() * 7 * 24 * 3_600_000)));
    rows.push({ commentId: commentIds[index]!, voterId, axis, value, reason, at });
  }
  await client.transaction(async () => {
    for (let i = 0; i < rows.length; i += 500) {
      const batch = rows.slice(i, i + 500);
      await client.run(
        `insert into comment_votes (comment_id, voter_id, axis, value, reason, created_at, updated_at) values ${batch.map(() => "(?, ?, ?, ?, ?, ?, ?)").join(", ")}`,
        batch.flatMap((row) => [row.commentId, row.voterId, row.axis, row.value, row.reason, client.time(row.at), client.time(row.at)]),
      );
    }
  });
  const count = (axis: string, value: string) => rows.filter((row) => row.axis === axis && row.value === value).length;
  const disagreed = new Set(rows.filter((row) => row.value === "disagree").map((row) => `${row.commentId}:${row.voterId}`));
  return {
    votes: rows.length,
    up: count("value", "up"),
    down: count("value", "down"),
    agree: count("stance", "agree"),
    disagree: count("stance", "disagree"),
    upFromDisagreers: rows.filter((row) => row.value === "up" && disagreed.has(`${row.commentId}:${row.voterId}`)).length,
    seconds: (performance.now() - started) / 1000,
  };
}

export async function countVotes(client: SqlClient, voterIds: string[]): Promise<number> {
  const [row] = await client.all<{ n: number | string }>(`select count(*) as n from comment_votes where voter_id in (${voterIds.map(() => "?").join(", ")})`, voterIds);
  return Number(row!.n);
}

export type VotingRound = {
  requests: number;
  wallSeconds: number;
  votesPerSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMeanMs: number;
  latencyMaxMs: number;
  ok200: number;
  other: Record<string, number>;
  otherSamples: string[];
  rows: { before: number; after: number; ok: boolean };
};
export type Voting = VotingRound & { concurrency: number; warmupRounds: VotingRound[] };

/**
 * Rounds of readers × perReader votes through POST /api/comments/votes (JSON), `readers.length`
 * in flight at a time, each reader's one after another. Every vote is a new (comment, axis) for
 * its reader, so each one writes a row: the rows are counted after each round. Warm-up rounds go
 * on for `warmupSeconds` (the first is cold); the measured round follows.
 */
export async function castVotes(options: {
  url: string;
  essayPath: string;
  client: SqlClient;
  readers: Reader[];
  commentIds: number[];
  perReader: number;
  warmupSeconds: number;
  seed: number;
}): Promise<Voting> {
  const { readers, commentIds, perReader } = options;
  const agent = new http.Agent({ keepAlive: true, maxSockets: readers.length });
  const endpoint = `${options.url}/api/comments/votes`;
  const rand = random(options.seed);
  // Each reader's own sequence of distinct (comment, axis) pairs, drawn as the rounds need them.
  const used = readers.map(() => new Set<string>());
  const nextVote = (w: number) => {
    for (;;) {
      const commentId = options.commentIds[Math.floor(rand() * commentIds.length)]!;
      const axis = rand() < 0.5 ? "value" : "stance";
      if (used[w]!.has(`${commentId}:${axis}`)) continue;
      used[w]!.add(`${commentId}:${axis}`);
      if (axis === "stance") return { commentId, essayPath: options.essayPath, axis, value: rand() < 0.5 ? "agree" : "disagree" };
      if (rand() < 0.75) return { commentId, essayPath: options.essayPath, axis, value: "up" };
      return { commentId, essayPath: options.essayPath, axis, value: "down", reason: REASONS[Math.floor(rand() * REASONS.length)] };
    }
  };
  const voterIds = readers.map((reader) => reader.userId);
  const round = async (): Promise<VotingRound> => {
    const before = await countVotes(options.client, voterIds);
    const latencies: number[] = [];
    const statuses: Record<string, number> = {};
    const samples: string[] = [];
    const started = performance.now();
    await Promise.all(
      readers.map(async (reader, w) => {
        for (let k = 0; k < perReader; k++) {
          const result = await timedRequest(agent, endpoint, {
            method: "POST",
            headers: { "content-type": "application/json", origin: options.url, cookie: `authjs.session-token=${reader.sessionToken}` },
            body: JSON.stringify(nextVote(w)),
          });
          latencies.push(result.ms);
          const key = result.error ? "error" : String(result.status);
          statuses[key] = (statuses[key] ?? 0) + 1;
          if (result.status !== 200 && samples.length < 5) samples.push(`${key}: ${(result.error ?? result.body).slice(0, 200)}`);
        }
      }),
    );
    const wallSeconds = (performance.now() - started) / 1000;
    const after = await countVotes(options.client, voterIds);
    const requests = readers.length * perReader;
    const ok200 = statuses["200"] ?? 0;
    return {
      requests,
      wallSeconds,
      votesPerSecond: ok200 / wallSeconds,
      latencyP50Ms: percentile(latencies, 50),
      latencyP99Ms: percentile(latencies, 99),
      latencyMeanMs: latencies.reduce((a, b) => a + b, 0) / latencies.length,
      latencyMaxMs: Math.max(...latencies),
      ok200,
      other: Object.fromEntries(Object.entries(statuses).filter(([status]) => status !== "200")),
      otherSamples: samples,
      rows: { before, after, ok: after - before === requests && ok200 === requests },
    };
  };
  try {
    const warmupRounds: VotingRound[] = [];
    const warmupStarted = performance.now();
    do warmupRounds.push(await round());
    while (performance.now() - warmupStarted < options.warmupSeconds * 1000);
    const measured = await round();
    return { ...measured, concurrency: readers.length, warmupRounds };
  } finally {
    agent.destroy();
  }
}

/** What the page shows of the votes: comments with visible tallies, and "valued by N who disagree" badges. */
export function votesShown(html: string): { tallies: number; badges: number } {
  return {
    tallies: [...html.matchAll(/\d+ worth reading · \d+ not useful/g)].length,
    badges: [...html.matchAll(/Valued by \d+ who disagree/g)].length,
  };
}
