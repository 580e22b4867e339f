// What bench:comments does with changing one's mind (issue 14): Δs awarded through
// POST /api/comments/deltas and retractions (retract, undo, retract…) through
// POST /api/comments/retractions, 10 writers at a time, each request timed, every request
// counted as a new row afterwards. Deterministic for a given seed.
import http from "node:http";
import { randomUUID } from "node:crypto";
import { random, type Reader, type SeedPlan, type SqlClient } from "./comment-seed";
import { percentile, timedRequest } from "./load";

export type WriteRound = {
  requests: number;
  wallSeconds: number;
  perSecond: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  latencyMeanMs: number;
  latencyMaxMs: number;
  ok: number;
  other: Record<string, number>;
  otherSamples: string[];
  rows: { before: number; after: number; ok: boolean };
};
export type Writes = WriteRound & { concurrency: number; warmupRounds: WriteRound[] };

/** What the writers need: a reply of theirs in each of `conversations` conversations (so they took part), and whom to award. */
export type MindChangePlan = { ownReplies: number[][]; deltaTargets: number[][]; restatementsToAnswer: number[][] };

/**
 * Each writer replies (straight into the database) in the thread's first `conversations`
 * conversations, so a Δ there is theirs to give; their Δ targets are comments in those
 * conversations by distinct seeded authors (one Δ per giver → recipient per essay).
 */
export async function planMindChanges(client: SqlClient, plan: SeedPlan, commentIds: number[], writers: Reader[], essayPath: string, options: { conversations: number; deltasPerWriter: number; seed: number }): Promise<MindChangePlan> {
  const rand = random(options.seed);
  const rootOf = (index: number): number => {
    let at = index;
    while (plan.comments[at]!.parent !== null) at = plan.comments[at]!.parent!;
    return at;
  };
  const roots = plan.comments.flatMap((comment, index) => (comment.parent === null ? [index] : [])).slice(0, options.conversations);
  const joined = new Set(roots);
  const candidates = plan.comments.flatMap((_, index) => (joined.has(rootOf(index)) ? [index] : []));
  const ownReplies: number[][] = writers.map(() => []);
  const restatementsToAnswer: number[][] = writers.map(() => []);
  const now = Date.now();
  await client.transaction(async () => {
    for (const [w, writer] of writers.entries()) {
      for (const root of roots) {
        await client.run("insert into comments (essay_path, parent_id, author_id, body, body_html, created_at) values (?, ?, ?, ?, ?, ?)", [
          essayPath,
          commentIds[root],
          writer.userId,
          `A bench reply ${randomUUID()}`,
          "<p>A bench reply</p>",
          client.time(new Date(now - 60_000)),
        ]);
      }
      const rows = await client.all<{ id: number | string }>("select id from comments where author_id = ? order by id", [writer.userId]);
      ownReplies[w] = rows.map((row) => Number(row.id));
      // A seeded reader disagrees with each of those replies and restates it: the writer answers.
      for (const own of ownReplies[w]!) {
        const author = plan.users[Math.floor(rand() * plan.users.length)]!;
        await client.run(
          "insert into comments (essay_path, parent_id, author_id, body, body_html, disagrees, restatement, created_at) values (?, ?, ?, ?, ?, ?, ?, ?)",
          [essayPath, own, author.id, `I disagree ${randomUUID()}`, "<p>I disagree</p>", client.dialect === "postgres" ? true : 1, "talk is always possible.", client.time(new Date(now - 30_000))],
        );
      }
      const restated = await client.all<{ id: number | string }>(
        `select c.id from comments c join comments p on p.id = c.parent_id where p.author_id = ? and c.restatement is not null order by c.id`,
        [writer.userId],
      );
      restatementsToAnswer[w] = restated.map((row) => Number(row.id));
    }
  });
  const deltaTargets = writers.map(() => {
    const byAuthor = new Map<number, number>();
    const shuffled = [...candidates];
    for (let i = shuffled.length - 1; i > 0; i--) {
      const j = Math.floor(rand() * (i + 1));
      [shuffled[i], shuffled[j]] = [shuffled[j]!, shuffled[i]!];
    }
    for (const index of shuffled) {
      const author = plan.comments[index]!.author;
      if (!byAuthor.has(author)) byAuthor.set(author, commentIds[index]!);
    }
    const targets = [...byAuthor.values()];
    if (targets.length < options.deltasPerWriter) throw new Error(`only ${targets.length} distinct recipients in ${options.conversations} conversations; ${options.deltasPerWriter} needed`);
    return targets.slice(0, options.deltasPerWriter);
  });
  return { ownReplies, deltaTargets, restatementsToAnswer };
}

const count = async (client: SqlClient, sql: string, ids: string[]) => {
  const [row] = await client.all<{ n: number | string }>(sql.replace("$IDS", ids.map(() => "?").join(", ")), ids);
  return Number(row!.n);
};

/**
 * Rounds of writers × perReader requests to `path`, the writers in parallel, each one's
 * requests one after another; `body(w, k)` is writer w's k-th request of the whole run. The
 * rows `countRows` sees must grow by one per request. Warm-up rounds: `warmupRounds`, or for
 * `warmupSeconds`; then the measured round.
 */
async function writeRounds(options: {
  url: string;
  path: string;
  okStatus: number;
  writers: Reader[];
  perReader: number;
  body: (w: number, k: number) => object;
  countRows: () => Promise<number>;
  warmup: { rounds: number } | { seconds: number };
}): Promise<Writes> {
  const { writers, perReader } = options;
  const agent = new http.Agent({ keepAlive: true, maxSockets: writers.length });
  const sent = writers.map(() => 0);
  const round = async (): Promise<WriteRound> => {
    const before = await options.countRows();
    const latencies: number[] = [];
    const statuses: Record<string, number> = {};
    const samples: string[] = [];
    const started = performance.now();
    await Promise.all(
      writers.map(async (writer, w) => {
        for (let k = 0; k < perReader; k++) {
          const result = await timedRequest(agent, `${options.url}${options.path}`, {
            method: "POST",
            headers: { "content-type": "application/json", origin: options.url, cookie: `authjs.session-token=${writer.sessionToken}` },
            body: JSON.stringify(options.body(w, sent[w]!++)),
          });
          latencies.push(result.ms);
          const key = result.error ? "error" : String(result.status);
          statuses[key] = (statuses[key] ?? 0) + 1;
          if (result.status !== options.okStatus && samples.length < 5) samples.push(`${key}: ${(result.error ?? result.body).slice(0, 200)}`);
        }
      }),
    );
    const wallSeconds = (performance.now() - started) / 1000;
    const after = await options.countRows();
    const requests = writers.length * perReader;
    const ok = statuses[String(options.okStatus)] ?? 0;
    return {
      requests,
      wallSeconds,
      perSecond: ok / wallSeconds,
      latencyP50Ms: percentile(latencies, 50),
      latencyP99Ms: percentile(latencies, 99),
      latencyMeanMs: latencies.reduce((a, b) => a + b, 0) / latencies.length,
      latencyMaxMs: Math.max(...latencies),
      ok,
      other: Object.fromEntries(Object.entries(statuses).filter(([status]) => status !== String(options.okStatus))),
      otherSamples: samples,
      rows: { before, after, ok: after - before === requests && ok === requests },
    };
  };
  try {
    const warmupRounds: WriteRound[] = [];
    const warmupStarted = performance.now();
    if ("rounds" in options.warmup) for (let r = 0; r < options.warmup.rounds; r++) warmupRounds.push(await round());
    else {
      const { seconds } = options.warmup;
      do warmupRounds.push(await round());
      while (performance.now() - warmupStarted < seconds * 1000);
    }
    const measured = await round();
    return { ...measured, concurrency: writers.length, warmupRounds };
  } finally {
    agent.destroy();
  }
}

const EXPLANATION = "Your reply showed me the cost of force that I had not weighed; I see it differently now.";

/** Δs: each writer awards one to each of its targets, in order (warm-up rounds fixed, as each pair takes one Δ only). */
export function awardDeltas(options: { url: string; client: SqlClient; writers: Reader[]; plan: MindChangePlan; perReader: number; warmupRounds: number }): Promise<Writes> {
  const ids = options.writers.map((writer) => writer.userId);
  return writeRounds({
    url: options.url,
    path: "/api/comments/deltas",
    okStatus: 201,
    writers: options.writers,
    perReader: options.perReader,
    body: (w, k) => ({ commentId: options.plan.deltaTargets[w]![k], explanation: EXPLANATION }),
    countRows: () => count(options.client, "select count(*) as n from comment_deltas where giver_id in ($IDS)", ids),
    warmup: { rounds: options.warmupRounds },
  });
}

/** Retractions: each writer retracts its own replies in turn, then undoes them, and so on; every request is a history row. */
export function retractComments(options: { url: string; client: SqlClient; writers: Reader[]; plan: MindChangePlan; perReader: number; warmupSeconds: number }): Promise<Writes> {
  const ids = options.writers.map((writer) => writer.userId);
  return writeRounds({
    url: options.url,
    path: "/api/comments/retractions",
    okStatus: 200,
    writers: options.writers,
    perReader: options.perReader,
    body: (w, k) => {
      const own = options.plan.ownReplies[w]!;
      // Pass 0 over the replies retracts them, pass 1 undoes, pass 2 retracts again…
      const intent = Math.floor(k / own.length) % 2 === 0 ? "retract" : "undo";
      return { commentId: own[k % own.length], intent, note: intent === "retract" ? "Persuaded by a reply." : undefined };
    },
    countRows: () => count(options.client, "select count(*) as n from comment_retractions r join comments c on c.id = r.comment_id where c.author_id in ($IDS)", ids),
    warmup: { seconds: options.warmupSeconds },
  });
}

/** Restatement answers: each writer answers the restatements of its replies, one each (answered once), half "not quite". */
export function answerRestatements(options: { url: string; client: SqlClient; writers: Reader[]; plan: MindChangePlan; perReader: number; warmupRounds: number }): Promise<Writes> {
  const ids = options.writers.map((writer) => writer.userId);
  return writeRounds({
    url: options.url,
    path: "/api/comments/restatements",
    okStatus: 200,
    writers: options.writers,
    perReader: options.perReader,
    body: (w, k) => ({ commentId: options.plan.restatementsToAnswer[w]![k], ...(k % 2 === 0 ? { verdict: "confirmed" } : { verdict: "not-quite", correction: "Only once talk has failed." }) }),
    countRows: () => count(options.client, "select count(*) as n from comments c join comments p on p.id = c.parent_id where p.author_id in ($IDS) and c.restatement_answered_at is not null", ids),
    warmup: { rounds: options.warmupRounds },
  });
}
