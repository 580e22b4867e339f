// What bench:comments writes straight into a database: readers with display names, a
// threaded conversation of realistic Markdown comments (rendered with the app's own
// renderer), readers with live database sessions, and the cache invalidation the app
// records after a comment changes (cache_tag_events). Deterministic: the same seed gives
// the same thread. Raw SQL for both dialects, as tests/e2e/long-thread.spec.ts does.
import { randomBytes, randomUUID } from "node:crypto";
import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { CACHE_TAG_EVENTS_LOCK_KEY, TRANSACTION_LOCK_SQL } from "../../db/advisory-locks.js";
import { renderCommentMarkdown } from "../../lib/comments/render-markdown";

export type Dialect = "sqlite" | "postgres";

/** A small client over either dialect: `?` placeholders, rows as plain objects. */
export type SqlClient = {
  dialect: Dialect;
  all<T = Record<string, unknown>>(sql: string, params?: unknown[]): Promise<T[]>;
  run(sql: string, params?: unknown[]): Promise<void>;
  /** Runs fn in one transaction (BEGIN IMMEDIATE on SQLite). */
  transaction<T>(fn: () => Promise<T>): Promise<T>;
  /** A timestamp as the dialect stores it: epoch ms on SQLite, a Date (timestamptz) on PostgreSQL. */
  time(date: Date): unknown;
  close(): Promise<void>;
};

export function openSqliteClient(file: string): SqlClient {
  const db = new BetterSqlite3(file, { fileMustExist: true });
  db.pragma("busy_timeout = 5000");
  db.pragma("foreign_keys = ON");
  return {
    dialect: "sqlite",
    all: async <T>(sql: string, params: unknown[] = []) => db.prepare(sql).all(...params) as T[],
    run: async (sql, params = []) => {
      db.prepare(sql).run(...params);
    },
    async transaction(fn) {
      db.exec("BEGIN IMMEDIATE");
      try {
        const result = await fn();
        db.exec("COMMIT");
        return result;
      } catch (error) {
        if (db.inTransaction) db.exec("ROLLBACK");
        throw error;
      }
    },
    time: (date) => date.getTime(),
    close: async () => {
      db.close();
    },
  };
}

export async function openPostgresClient(url: string): Promise<SqlClient> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 10_000 });
  // A server stopped under an open connection (Ctrl-C) must not crash the cleanup: queries still reject.
  client.on("error", () => undefined);
  await client.connect();
  const numbered = (sql: string) => {
    let n = 0;
    return sql.replace(/\?/g, () => `$${++n}`);
  };
  return {
    dialect: "postgres",
    all: async <T>(sql: string, params: unknown[] = []) => (await client.query(numbered(sql), params)).rows as T[],
    run: async (sql, params = []) => {
      await client.query(numbered(sql), params);
    },
    async transaction(fn) {
      await client.query("begin");
      try {
        const result = await fn();
        await client.query("commit");
        return result;
      } catch (error) {
        await client.query("rollback").catch(() => undefined);
        throw error;
      }
    },
    time: (date) => date,
    close: () => client.end(),
  };
}

/** mulberry32: a small seeded PRNG. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FIRST = [
  "Ada", "Bram", "Carmen", "Dmitri", "Elif", "Farid", "Greta", "Hiro", "Ines", "Jonah", "Kalinda", "Lev", "Mireille",
  "Nnamdi", "Oona", "Pavel", "Quentin", "Rosa", "Sven", "Tamsin", "Ulla", "Vikram", "Wren", "Xiomara", "Yusuf",
];
const LAST = ["Abernathy", "Brennan", "Castellanos", "Dufresne", "Eriksen", "Fairweather", "Goldberg", "Haddad", "Iwasaki", "Jovanovic"];

const WORDS = (
  "secession pluralism consent federation territory dissent revolution dialogue neighbours majority minority " +
  "autonomy coercion tolerance commons assembly charter covenant exit voice loyalty border community market " +
  "state violence persuasion compromise tradition experiment history argument principle practice liberty order"
).split(" ");
const OPENERS = [
  "I keep coming back to the point about",
  "What strikes me here is how the essay treats",
  "I'm not sure the argument about",
  "Reading this again years later, the part on",
  "There's a quiet assumption in the paragraph on",
  "Good piece, though I'd push back on",
  "The historical examples around",
  "My worry is that",
];
const MIDDLES = [
  "only works if people can actually leave, and leaving is expensive for the poor",
  "sounds fine until two groups claim the same river, the same road, the same school",
  "is less a plan than a hope that the other side will behave",
  "has been tried, in small ways, by every intentional community that ever split in two",
  "depends on a shared floor of rules that nobody gets to secede from",
  "assumes the dissenters within the dissenters get the same right of exit",
  "is exactly what makes a peaceful settlement thinkable at all",
  "would need courts, or something like them, that every side trusts",
];
const CLOSERS = [
  "Happy to be shown wrong.",
  "Curious what others think.",
  "Still, it's the most honest take I've read on this.",
  "That's the part I'd want worked out before anyone tries it.",
  "Which is not nothing.",
  "Maybe that's the point.",
];
const LINKS = [
  "https://en.wikipedia.org/wiki/Anarcho-pluralism",
  "https://en.wikipedia.org/wiki/Exit,_Voice,_and_Loyalty",
  "https://plato.stanford.edu/entries/secession/",
  "https://en.wikipedia.org/wiki/Whiskey_Rebellion",
  "https://example.org/archive/2010/08/panarchy",
];

/** One comment's Markdown, about `target` characters: paragraphs, emphasis, links, sometimes a quote, a list or code. */
export function commentMarkdown(rand: () => number, target: number): string {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rand() * list.length)]!;
  const words = (n: number) => Array.from({ length: n }, () => pick(WORDS));
  const sentence = () => {
    const tail = words(4 + Math.floor(rand() * 6));
    const roll = rand();
    if (roll < 0.15) tail[1] = `*${tail[1]}*`;
    else if (roll < 0.25) tail[2] = `**${tail[2]}**`;
    let text = `${pick(OPENERS)} ${pick(WORDS)} ${pick(MIDDLES)}; ${tail.join(" ")}.`;
    const extra = rand();
    if (extra < 0.15) text += ` See [this](${pick(LINKS)}).`;
    else if (extra < 0.25) text += ` (${pick(LINKS)})`;
    else if (extra < 0.3) text += " Call it `exit()` if you like.";
    return text;
  };
  const blocks: string[] = [];
  if (rand() < 0.2) blocks.push(`> ${pick(MIDDLES).replace(/^./, (c) => c.toUpperCase())}.`);
  if (rand() < 0.15) blocks.push(`- ${pick(WORDS)} first\n- then ${pick(WORDS)}\n- ${pick(WORDS)} last`);
  const closer = pick(CLOSERS);
  const used = () => blocks.reduce((n, block) => n + block.length + 2, 0);
  const budget = target - closer.length - 2;
  let paragraph: string[] = [];
  const paragraphLength = () => paragraph.reduce((n, s) => n + s.length + 1, 0);
  for (let tries = 0; tries < 20; tries++) {
    const next = sentence();
    if (used() + paragraphLength() + next.length + 2 > budget) continue;
    paragraph.push(next);
    if (paragraph.length >= 2 && rand() < 0.5) {
      blocks.push(paragraph.join(" "));
      paragraph = [];
    }
  }
  // Top up with plain words to within a few characters of the target.
  const filler: string[] = [];
  while (used() + paragraphLength() + filler.join(" ").length + 12 < budget) filler.push(pick(WORDS));
  if (filler.length) paragraph.push(`${filler.join(" ").replace(/^./, (c) => c.toUpperCase())}.`);
  if (paragraph.length) blocks.push(paragraph.join(" "));
  blocks.push(closer);
  return blocks.join("\n\n");
}

export type SeedPlan = {
  users: { id: string; name: string; displayName: string; email: string }[];
  /** In insertion order; `parent` is an index into this list (always smaller than the comment's own). */
  comments: { parent: number | null; author: number; body: string; bodyHtml: string; depth: number; createdAt: Date }[];
};

/**
 * 1,000 comments by default: `topLevel` threads; replies spread over them so that some
 * chains reach `maxDepth` (root = depth 0, as lib/comments/build-tree.ts counts), deeper
 * than the six indented levels, so the flat list past MAX_INDENT is drawn too.
 */
export function planThread(options: { total: number; topLevel: number; users: number; maxDepth: number; bodyChars: number; seed?: number }): SeedPlan {
  const rand = random(options.seed ?? 1);
  const users = Array.from({ length: options.users }, (_, i) => {
    const displayName = `${FIRST[i % FIRST.length]} ${LAST[Math.floor(i / FIRST.length) % LAST.length]}`;
    return { id: randomUUID(), name: displayName, displayName, email: `reader${i + 1}@example.org` };
  });
  type Planned = { parent: number | null; depth: number; thread: number };
  const planned: Planned[] = [];
  const byThread: number[][] = [];
  for (let t = 0; t < options.topLevel; t++) {
    byThread.push([planned.length]);
    planned.push({ parent: null, depth: 0, thread: t });
  }
  const reply = (thread: number, parent: number) => {
    byThread[thread]!.push(planned.length);
    planned.push({ parent, depth: planned[parent]!.depth + 1, thread });
  };
  // Every fifth thread gets one chain straight down to maxDepth.
  for (let t = 0; t < options.topLevel && planned.length < options.total; t += 5) {
    let parent = byThread[t]![0]!;
    for (let d = 1; d <= options.maxDepth && planned.length < options.total; d++) {
      reply(t, parent);
      parent = planned.length - 1;
    }
  }
  // The rest: a random thread, a random comment in it not yet at maxDepth (later ones more often: conversations deepen).
  while (planned.length < options.total) {
    const thread = Math.floor(rand() * options.topLevel);
    const members = byThread[thread]!.filter((index) => planned[index]!.depth < options.maxDepth);
    const parent = members[Math.floor(Math.sqrt(rand()) * members.length)]!;
    reply(thread, parent);
  }
  // Time: parents before replies. Spread the ids' order over the last 30 days, in planned order.
  const start = Date.now() - 30 * 24 * 60 * 60 * 1000;
  const step = Math.floor((29 * 24 * 60 * 60 * 1000) / options.total);
  const comments = planned.map((item, index) => {
    const body = commentMarkdown(rand, options.bodyChars);
    return {
      parent: item.parent,
      author: Math.floor(rand() * users.length),
      body,
      bodyHtml: renderCommentMarkdown(body),
      depth: item.depth,
      createdAt: new Date(start + index * step + Math.floor(rand() * step * 0.5)),
    };
  });
  return { users, comments };
}

/** Inserts the plan's users and comments on `essayPath`, in one transaction. Returns the comment ids in plan order. */
export async function seedThread(client: SqlClient, essayPath: string, plan: SeedPlan): Promise<number[]> {
  return client.transaction(async () => {
    for (const user of plan.users) {
      await client.run("insert into users (id, name, email, email_verified, display_name, created_at) values (?, ?, ?, ?, ?, ?)", [
        user.id,
        user.name,
        user.email,
        client.time(new Date(Date.now() - 90 * 24 * 60 * 60 * 1000)),
        user.displayName,
        client.time(new Date(Date.now() - 90 * 24 * 60 * 60 * 1000)),
      ]);
    }
    const ids: number[] = [];
    for (const comment of plan.comments) {
      const [row] = await client.all<{ id: number | string }>(
        "insert into comments (essay_path, parent_id, author_id, body, body_html, render_version, status, created_at) values (?, ?, ?, ?, ?, 1, 'published', ?) returning id",
        [essayPath, comment.parent === null ? null : ids[comment.parent]!, plan.users[comment.author]!.id, comment.body, comment.bodyHtml, client.time(comment.createdAt)],
      );
      ids.push(Number(row!.id));
    }
    return ids;
  });
}

/**
 * Records "these tags expired now" as the app's cache handler does (db/queries/cache-tags.ts):
 * upsert with expired_at = now and seq = max(seq) + 1, one writer at a time.
 */
export async function recordInvalidation(client: SqlClient, tags: string[]): Promise<void> {
  await client.transaction(async () => {
    // The lock the app's PostgreSQL writer takes (db/advisory-locks.js); SQLite's BEGIN
    // IMMEDIATE already serialises. The plain client numbers `?`, not `$1`.
    if (client.dialect === "postgres") await client.run(TRANSACTION_LOCK_SQL.replace("$1", "?"), [CACHE_TAG_EVENTS_LOCK_KEY]);
    const [row] = await client.all<{ seq: number | string }>("select coalesce(max(seq), 0) + 1 as seq from cache_tag_events");
    let seq = Number(row!.seq);
    const now = Date.now();
    for (const tag of tags) {
      await client.run(
        "insert into cache_tag_events (tag, stale_at, expired_at, seq) values (?, null, ?, ?) on conflict (tag) do update set stale_at = excluded.stale_at, expired_at = excluded.expired_at, seq = excluded.seq",
        [tag, now, seq++],
      );
    }
  });
}

export type Reader = { userId: string; displayName: string; sessionToken: string };

/**
 * Readers signed in through database sessions (Auth.js's `sessions` rows), valid for 30 days.
 * `since`: when their accounts were made (default now; votes of young accounts weigh 0).
 */
export async function createReaders(client: SqlClient, count: number, options: { label?: string; since?: Date } = {}): Promise<Reader[]> {
  const label = options.label ?? "Reader";
  const since = options.since ?? new Date();
  const readers: Reader[] = Array.from({ length: count }, (_, i) => ({
    userId: randomUUID(),
    displayName: `Bench ${label} ${i + 1}`,
    sessionToken: randomBytes(32).toString("hex"),
  }));
  await client.transaction(async () => {
    for (const [i, reader] of readers.entries()) {
      // name_confirmed_at: readers who have accepted their public name, so they may post.
      await client.run("insert into users (id, name, email, email_verified, display_name, name_confirmed_at, created_at) values (?, ?, ?, ?, ?, ?, ?)", [
        reader.userId,
        reader.displayName,
        `bench-${label.toLowerCase()}-${i + 1}@example.org`,
        client.time(since),
        reader.displayName,
        client.time(since),
        client.time(since),
      ]);
      await client.run("insert into sessions (session_token, user_id, expires) values (?, ?, ?)", [
        reader.sessionToken,
        reader.userId,
        client.time(new Date(Date.now() + 30 * 24 * 60 * 60 * 1000)),
      ]);
    }
  });
  return readers;
}

export async function countComments(client: SqlClient, essayPath: string, authorIds?: string[]): Promise<number> {
  const byAuthor = authorIds ? ` and author_id in (${authorIds.map(() => "?").join(", ")})` : "";
  const [row] = await client.all<{ n: number | string }>(`select count(*) as n from comments where essay_path = ?${byAuthor}`, [
    essayPath,
    ...(authorIds ?? []),
  ]);
  return Number(row!.n);
}
