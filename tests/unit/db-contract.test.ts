// One contract suite, run against SQLite (a temp file) and a real PostgreSQL server
// (started once by tests/support/vitest-global-setup.ts; a fresh database per suite).
// Each suite loads its own copy of the db modules with DATABASE_URL pointing at its
// database, exactly as the app would see it.
import fs from "node:fs";
import path from "node:path";
import { setTimeout as delay } from "node:timers/promises";
import BetterSqlite3 from "better-sqlite3";
import { and, eq } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { openDatabase } from "@/db/connect";
import { parseDatabaseUrl } from "@/db/url";
import { closeInstances, contractTargets, loadWithDatabaseUrl, migratedDatabase } from "../support/contract-databases";

/** A fresh copy of the db modules (own env, own connection), as one app instance would have. */
async function loadModules(databaseUrl: string) {
  const [client, migrate, users, rateLimits, authAdapter] = await loadWithDatabaseUrl(databaseUrl, () =>
    Promise.all([
      import("@/db/client"),
      import("@/db/migrate"),
      import("@/db/queries/users"),
      import("@/db/queries/rate-limits"),
      import("@/db/auth-adapter"),
    ]),
  );
  // env.js reads process.env on import, so the modules keep this URL from here on.
  return { client, migrate, users, rateLimits, authAdapter };
}
type Modules = Awaited<ReturnType<typeof loadModules>>;

const targets = contractTargets("essays-db-");

/** Rows in drizzle's migration journal, read with the plain driver. */
async function countAppliedMigrations(databaseUrl: string): Promise<number> {
  const config = parseDatabaseUrl(databaseUrl, "data");
  if (config.dialect === "sqlite") {
    const sqlite = new BetterSqlite3(config.file);
    try {
      return (sqlite.prepare("select count(*) as n from __drizzle_migrations").get() as { n: number }).n;
    } finally {
      sqlite.close();
    }
  }
  const client = new pg.Client({ connectionString: config.url });
  await client.connect();
  try {
    const result = await client.query<{ n: string }>("select count(*) as n from drizzle.__drizzle_migrations");
    return Number(result.rows[0]?.n);
  } finally {
    await client.end();
  }
}

for (const target of targets) {
  describe.skipIf(target.skip)(`database contract on ${target.dialect}`, () => {
    let databaseUrl: string;
    let m: Modules;
    const extraInstances: Modules[] = [];

    beforeAll(async () => ({ databaseUrl, m } = await migratedDatabase(target, loadModules)));
    afterAll(() => closeInstances([m, ...extraInstances]));

    async function insertUser(values: { name?: string | null; email?: string | null; displayName?: string | null; image?: string | null }) {
      const { db, schema } = m.client.getDb();
      const [row] = await db.insert(schema.users).values(values).returning({ id: schema.users.id });
      if (!row) throw new Error("insert returned no row");
      return row.id;
    }

    async function hitsFor(key: string) {
      const { db, schema } = m.client.getDb();
      return db.select({ at: schema.rateLimitHits.at }).from(schema.rateLimitHits).where(eq(schema.rateLimitHits.key, key));
    }

    describe("migrations", () => {
      it("apply to an empty database, once, even when two instances migrate together", async () => {
        const url = await target.createDatabaseUrl();
        const config = parseDatabaseUrl(url, "data");
        await Promise.all([m.migrate.migrateDatabase({ config }), m.migrate.migrateDatabase({ config })]);
        const again = await m.migrate.migrateDatabase({ config });
        expect(again.database).toMatch(target.dialect === "sqlite" ? /^SQLite / : /^PostgreSQL 127\.0\.0\.1:\d+\/test_/);

        const journal = JSON.parse(
          fs.readFileSync(path.join("db", "migrations", target.dialect === "sqlite" ? "sqlite" : "pg", "meta", "_journal.json"), "utf8"),
        ) as { entries: unknown[] };
        expect(await countAppliedMigrations(url)).toBe(journal.entries.length);

        const fresh = openDatabase(config);
        try {
          const { db, schema } = fresh;
          for (const table of [schema.users, schema.accounts, schema.sessions, schema.verificationTokens, schema.rateLimitHits]) {
            expect(await db.select().from(table)).toEqual([]);
          }
        } finally {
          await fresh.close();
        }
      });
    });

    describe("users", () => {
      it("getUserProfileById prefers the chosen display name", async () => {
        const id = await insertUser({ name: "Ada Lovelace", email: "ada@example.org", displayName: "Countess", image: "https://img.example/ada.png" });
        expect(await m.users.getUserProfileById({ id })).toEqual({ id, displayName: "Countess", image: "https://img.example/ada.png" });
      });

      it("falls back to the provider name, then \"Reader\": never to the e-mail or any part of it", async () => {
        const named = await insertUser({ name: "Grace Hopper", email: "grace@example.org" });
        const unnamed = await insertUser({ email: "alan.turing@example.org" });
        const blankName = await insertUser({ name: "   ", email: "edsger@example.org" });
        // Some issuers put the address in the name claim.
        const addressAsName = await insertUser({ name: "barbara@example.org", email: "barbara@example.org" });

        const profiles = await Promise.all([named, unnamed, blankName, addressAsName].map((id) => m.users.getUserProfileById({ id })));
        expect(profiles.map((profile) => profile?.displayName)).toEqual(["Grace Hopper", "Reader", "Reader", "Reader"]);
        for (const profile of profiles) {
          expect(Object.keys(profile ?? {}).sort()).toEqual(["displayName", "id", "image"]);
          expect(JSON.stringify(profile)).not.toContain("@");
        }
      });

      it("returns undefined for an unknown id", async () => {
        expect(await m.users.getUserProfileById({ id: "no-such-user" })).toBeUndefined();
      });

      it("a new reader's name is unconfirmed, prefilled from the provider's name only, until they accept one", async () => {
        const named = await insertUser({ name: "Alice", email: "alice@example.org" });
        const unnamed = await insertUser({ email: "jane.doe.1987@example.org" });
        const chosen = await insertUser({ name: "Bob", email: "bob@example.org", displayName: "Bobby" });

        expect(await m.users.getUserNameChoiceById({ id: named })).toEqual({ suggestedName: "Alice", confirmed: false });
        expect(await m.users.getUserNameChoiceById({ id: unnamed })).toEqual({ suggestedName: "", confirmed: false });
        expect(await m.users.getUserNameChoiceById({ id: chosen })).toEqual({ suggestedName: "Bobby", confirmed: false });
        expect(await m.users.getUserNameChoiceById({ id: "no-such-user" })).toBeUndefined();

        const now = new Date("2031-05-06T07:08:09.123Z");
        expect(await m.users.confirmUserDisplayName({ userId: named, displayName: "Al", now })).toEqual({ updated: true });
        expect(await m.users.getUserNameChoiceById({ id: named })).toEqual({ suggestedName: "Al", confirmed: true });
        expect((await m.users.getUserProfileById({ id: named }))?.displayName).toBe("Al");
        const { db, schema } = m.client.getDb();
        const [row] = await db.select({ at: schema.users.nameConfirmedAt }).from(schema.users).where(eq(schema.users.id, named));
        expect(row?.at).toEqual(now);
        // Only that reader's row.
        expect(await m.users.getUserNameChoiceById({ id: chosen })).toEqual({ suggestedName: "Bobby", confirmed: false });
        expect(await m.users.confirmUserDisplayName({ userId: "no-such-user", displayName: "X" })).toEqual({ updated: false });
      });
    });

    describe("Auth.js adapter", () => {
      it("stores users, accounts, sessions and one-time tokens in the plural tables", async () => {
        const adapter = m.authAdapter.createAuthAdapter();
        const verified = new Date("2030-01-02T03:04:05.678Z");
        const user = await adapter.createUser({ id: "ignored", email: "reader@example.org", emailVerified: verified, name: "Reader One" });
        expect(user.id).not.toBe("ignored");
        expect(user.emailVerified).toEqual(verified);
        expect((await adapter.getUserByEmail("reader@example.org"))?.id).toBe(user.id);

        await adapter.linkAccount({ userId: user.id, type: "oidc", provider: "mock", providerAccountId: "sub-1", access_token: "t", expires_at: 123 });
        expect((await adapter.getUserByAccount({ provider: "mock", providerAccountId: "sub-1" }))?.id).toBe(user.id);

        const expires = new Date(Date.now() + 3_600_000);
        await adapter.createSession({ sessionToken: "session-1", userId: user.id, expires });
        const found = await adapter.getSessionAndUser("session-1");
        expect(found?.user.id).toBe(user.id);
        expect(found?.session).toEqual({ sessionToken: "session-1", userId: user.id, expires });
        expect(found?.user).toMatchObject({ id: user.id, email: "reader@example.org", emailVerified: verified, name: "Reader One" });
        expect(await adapter.getSessionAndUser("no-such-session")).toBeNull();

        await adapter.createVerificationToken({ identifier: "reader@example.org", token: "hashed", expires });
        expect((await adapter.useVerificationToken({ identifier: "reader@example.org", token: "hashed" }))?.token).toBe("hashed");
        expect(await adapter.useVerificationToken({ identifier: "reader@example.org", token: "hashed" })).toBeNull();

        // Deleting the user cascades to their account and session.
        await adapter.deleteUser(user.id);
        expect(await adapter.getSessionAndUser("session-1")).toBeNull();
        expect(await adapter.getUserByAccount({ provider: "mock", providerAccountId: "sub-1" })).toBeNull();
      });

      it("getSessionUserId names the user of a live session only (the comment write paths' sign-in check)", async () => {
        const adapter = m.authAdapter.createAuthAdapter();
        const user = await adapter.createUser({ id: "ignored", email: "writer@example.org", emailVerified: null, name: "Writer" });
        const now = new Date("2030-06-01T12:00:00.000Z");
        await adapter.createSession({ sessionToken: "live", userId: user.id, expires: new Date(now.getTime() + 60_000) });
        await adapter.createSession({ sessionToken: "expired", userId: user.id, expires: new Date(now.getTime() - 1) });
        expect(await m.authAdapter.getSessionUserId({ sessionToken: "live", now })).toBe(user.id);
        expect(await m.authAdapter.getSessionUserId({ sessionToken: "expired", now })).toBeNull();
        expect(await m.authAdapter.getSessionUserId({ sessionToken: "no-such-session", now })).toBeNull();
        // The adapter Auth.js uses finds the same user for it.
        expect((await adapter.getSessionAndUser("live"))?.user.id).toBe(user.id);
        await adapter.deleteUser(user.id);
        expect(await m.authAdapter.getSessionUserId({ sessionToken: "live", now })).toBeNull();
      });
    });

    describe("rate limits", () => {
      const minute = 60_000;
      const base = new Date("2030-01-01T00:00:00.000Z");
      const at = (ms: number) => new Date(base.getTime() + ms);

      it("several limits at once (a minute's and a day's): all or nothing, the longest wait and its bucket", async () => {
        const day = 24 * 60 * minute;
        const key = `tokens-${Math.random()}`;
        const limits = [
          { bucket: "vote-minute", limit: 2, windowMs: minute },
          { bucket: "vote-day", limit: 3, windowMs: day },
        ];
        const take = (ms: number) => m.rateLimits.takeRateLimitTokens({ key, limits, now: at(ms) });
        expect(await take(0)).toEqual({ ok: true });
        expect(await take(1_000)).toEqual({ ok: true });
        // The minute's limit refuses, and records nothing in either bucket.
        expect(await take(2_000)).toEqual({ ok: false, retryAfterMs: 58_000, bucket: "vote-minute" });
        expect(await take(61_000)).toEqual({ ok: true });
        // Now the day's: 3 uses since 0 ms; the first leaves the day's window at 24 h.
        expect(await take(2 * minute + 1_000)).toEqual({ ok: false, retryAfterMs: day - 2 * minute - 1_000, bucket: "vote-day" });
        expect(await m.rateLimits.countRateLimitHits({ bucket: "vote-day", key, windowMs: day, now: at(2 * minute + 1_000) })).toBe(3);
        expect(await take(day + 1)).toEqual({ ok: true });
      });

      it("lets `limit` uses through per window, then says how long to wait", async () => {
        const take = (ms: number, key = "a@example.org") =>
          m.rateLimits.takeRateLimitToken({ bucket: "sign-in-email", key, limit: 3, windowMs: minute, now: at(ms) });
        expect(await take(0)).toEqual({ ok: true });
        expect(await take(1_000)).toEqual({ ok: true });
        expect(await take(2_000)).toEqual({ ok: true });
        expect(await take(3_000)).toEqual({ ok: false, retryAfterMs: 57_000 });
        // Other keys and other buckets keep their own count.
        expect(await take(3_000, "b@example.org")).toEqual({ ok: true });
        expect(
          await m.rateLimits.takeRateLimitToken({ bucket: "comment", key: "a@example.org", limit: 3, windowMs: minute, now: at(3_000) }),
        ).toEqual({ ok: true });
      });

      it("frees a use when the oldest hit leaves the window, and deletes expired hits", async () => {
        const key = "window@example.org";
        const take = (ms: number) => m.rateLimits.takeRateLimitToken({ bucket: "sign-in-email", key, limit: 2, windowMs: minute, now: at(ms) });
        expect(await take(0)).toEqual({ ok: true });
        expect(await take(10_000)).toEqual({ ok: true });
        expect(await take(59_999)).toEqual({ ok: false, retryAfterMs: 1 });
        expect(await take(60_000)).toEqual({ ok: true });
        expect(await take(60_001)).toEqual({ ok: false, retryAfterMs: 9_999 });
        const counted = (ms: number) => m.rateLimits.countRateLimitHits({ bucket: "sign-in-email", key, windowMs: minute, now: at(ms) });
        expect([await counted(60_001), await counted(70_000), await counted(120_000)]).toEqual([2, 1, 0]);
        expect((await hitsFor(key)).map((hit) => hit.at).sort((a, b) => a.getTime() - b.getTime())).toEqual([at(10_000), at(60_000)]);
      });

      it("never lets concurrent callers past the limit", async () => {
        const key = "burst@example.org";
        // On PostgreSQL half the callers come from a second instance with its own pool.
        const second = target.dialect === "postgres" ? await loadModules(databaseUrl) : m;
        if (second !== m) extraInstances.push(second);
        const results = await Promise.all(
          Array.from({ length: 24 }, (_, i) =>
            (i % 2 ? second : m).rateLimits.takeRateLimitToken({ bucket: "comment", key, limit: 5, windowMs: minute }),
          ),
        );
        expect(results.filter((result) => result.ok)).toHaveLength(5);
        expect(await hitsFor(key)).toHaveLength(5);
      });
    });

    describe("transactions", () => {
      it("roll back every write of a failed transaction", async () => {
        const { schema } = m.client.getDb();
        const email = "half-written@example.org";
        await expect(
          m.client.withTransaction(async (tx) => {
            await tx.insert(schema.users).values({ email });
            await tx.insert(schema.rateLimitHits).values({ bucket: "test", key: email, at: new Date() });
            throw new Error("boom");
          }),
        ).rejects.toThrow("boom");

        const { db } = m.client.getDb();
        expect(await db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, email))).toEqual([]);
        expect(await hitsFor(email)).toEqual([]);
      });

      it("keep other requests' writes out of an open transaction (and out of its rollback)", async () => {
        const { db, schema } = m.client.getDb();
        const bystander = await insertUser({ name: "Bystander", email: "bystander@example.org" });
        let opened!: () => void;
        const transactionOpen = new Promise<void>((resolve) => (opened = resolve));
        let release!: () => void;
        const gate = new Promise<void>((resolve) => (release = resolve));

        const failing = m.client.withTransaction(async (tx) => {
          await tx.insert(schema.users).values({ email: "doomed@example.org" });
          opened();
          await gate;
          throw new Error("boom");
        });
        await transactionOpen;

        // Issued while the failing transaction is open and waiting on I/O.
        const plainWrite = m.users.confirmUserDisplayName({ userId: bystander, displayName: "Still here" });
        const otherTransaction = m.client.withTransaction(async (tx) => {
          await tx.insert(schema.rateLimitHits).values({ bucket: "test", key: "committed", at: new Date() });
        });
        const dirtyRead = db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, "doomed@example.org"));
        // Give the other statements every chance to run inside the open transaction.
        await delay(25);
        release();

        await expect(failing).rejects.toThrow("boom");
        await Promise.all([plainWrite, otherTransaction]);
        expect(await dirtyRead).toEqual([]);
        expect((await m.users.getUserProfileById({ id: bystander }))?.displayName).toBe("Still here");
        expect(await hitsFor("committed")).toHaveLength(1);
        expect(await db.select().from(schema.users).where(eq(schema.users.email, "doomed@example.org"))).toEqual([]);
      });

      it("lose no committed write when many transactions interleave and some fail", async () => {
        const { db, schema } = m.client.getDb();
        const runs = Array.from({ length: 12 }, (_, i) =>
          m.client.withTransaction(async (tx) => {
            await tx.insert(schema.rateLimitHits).values({ bucket: "interleave", key: `k${i}`, at: new Date() });
            await delay(i % 3);
            await tx.insert(schema.rateLimitHits).values({ bucket: "interleave", key: `k${i}`, at: new Date() });
            if (i % 2) throw new Error(`fail ${i}`);
          }),
        );
        const plain = Array.from({ length: 6 }, (_, i) =>
          db.insert(schema.rateLimitHits).values({ bucket: "interleave", key: `plain${i}`, at: new Date() }),
        );
        const settled = await Promise.allSettled([...runs, ...plain]);
        expect(settled.filter((result) => result.status === "rejected")).toHaveLength(6);

        const rows = await db
          .select({ key: schema.rateLimitHits.key })
          .from(schema.rateLimitHits)
          .where(and(eq(schema.rateLimitHits.bucket, "interleave")));
        const keys = rows.map((row) => row.key).sort();
        const expected = [
          ...[0, 2, 4, 6, 8, 10].flatMap((i) => [`k${i}`, `k${i}`]),
          ...Array.from({ length: 6 }, (_, i) => `plain${i}`),
        ].sort();
        expect(keys).toEqual(expected);
      });

      it("refuse to nest", async () => {
        await expect(m.client.withTransaction(() => m.client.withTransaction(async () => 1))).rejects.toThrow(/cannot be nested/);
      });
    });

    // SQLite only (PostgreSQL's driver plans statements itself): defined only there, so the
    // PostgreSQL run has no skipped test to count.
    if (target.dialect === "sqlite") describe("prepared statements", () => {
      it("are compiled once per SQL text on SQLite and give the same answers when reused", async () => {
        const { db, schema } = m.client.getDb();
        const [a, b] = await db
          .insert(schema.users)
          .values([{ name: "Reused A" }, { name: "Reused B" }])
          .returning({ id: schema.users.id });
        await m.users.getUserProfileById({ id: a!.id });
        const prepare = vi.spyOn(BetterSqlite3.prototype, "prepare");
        try {
          expect(await m.users.getUserProfileById({ id: b!.id })).toMatchObject({ displayName: "Reused B" });
          expect(await m.users.getUserProfileById({ id: a!.id })).toMatchObject({ displayName: "Reused A" });
          expect(await m.users.getUserProfileById({ id: "no-such-user" })).toBeUndefined();
          expect(prepare).not.toHaveBeenCalled();
        } finally {
          prepare.mockRestore();
        }
      });
    });
  });
}
