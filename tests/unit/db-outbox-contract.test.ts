// The outbox, its senders and who gets e-mail, run against SQLite (a temp file) and a real
// PostgreSQL server (started once by tests/support/vitest-global-setup.ts; a fresh database per
// suite), the same way as tests/unit/db-contract.test.ts. Mail goes through nodemailer to a real
// SMTP server on loopback (tests/support/smtp-server.ts).
import { setTimeout as delay } from "node:timers/promises";
import { eq, like } from "drizzle-orm";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeInstances, contractTargets, countQueries, loadWithDatabaseUrl, makeTempDir, migratedDatabase } from "../support/contract-databases";
import { readMailbox, startSmtpServer } from "../support/smtp-server";

const SITE_URL = "https://essays.example.org";
const AUTH_SECRET = "test-secret-".padEnd(44, "x");
const ESSAY = "/fixtures/06/01/a-long-conversation";
const ESSAY_TITLE = "A Long Conversation";

/** A fresh copy of the modules (own env, own connection), as one app instance would have. */
async function loadModules(databaseUrl: string) {
  const [client, migrate, outbox, notifications, commentFeeds, users, queue, deliver, unsubscribe, token, mail] = await loadWithDatabaseUrl(
    databaseUrl,
    () =>
      Promise.all([
        import("@/db/client"),
        import("@/db/migrate"),
        import("@/db/queries/outbox"),
        import("@/db/queries/notifications"),
        import("@/db/queries/comment-feeds"),
        import("@/db/queries/users"),
        import("@/lib/notifications/queue-notifications"),
        import("@/lib/notifications/deliver-outbox"),
        import("@/lib/notifications/unsubscribe"),
        import("@/lib/notifications/unsubscribe-token"),
        import("@/lib/mail/send-mail"),
      ]),
    {
      AUTH_SECRET,
      SITE_URL,
      CONTENT_DIR: "tests/fixtures/essays",
      // Mixed case on purpose: moderators are matched lower-cased.
      ADMIN_EMAILS: "Mod@Example.org, unverified-mod@example.org, absent-mod@example.org",
      EMAIL_FROM: "Essays <essays@example.org>",
    },
  );
  return { client, migrate, outbox, notifications, commentFeeds, users, queue, deliver, unsubscribe, token, mail };
}
type Modules = Awaited<ReturnType<typeof loadModules>>;

const targets = contractTargets("essays-outbox-db-");

const SECOND = 1_000;

for (const target of targets) {
  describe.skipIf(target.skip)(`outbox and notifications on ${target.dialect}`, () => {
    const instances: Modules[] = [];

    /** Two instances of the app on one new, migrated database (separate connections or pools). */
    async function freshDatabase(): Promise<{ a: Modules; b: Modules; url: string }> {
      const { databaseUrl: url, m: a } = await migratedDatabase(target, loadModules);
      const b = await loadModules(url);
      instances.push(a, b);
      return { a, b, url };
    }

    afterAll(() => closeInstances(instances));

    function message(key: string, to = "reader@example.org") {
      return { kind: "test", dedupeKey: key, toAddress: to, subject: `Message ${key}`, text: `Text ${key}`, html: `<p>${key}</p>`, headers: { "X-Key": key } };
    }

    async function outboxRows(m: Modules) {
      const { db, schema } = m.client.getDb();
      return db.select().from(schema.outbox).orderBy(schema.outbox.id);
    }

    describe("queue", () => {
      let m: Modules;
      beforeAll(async () => ({ a: m } = await freshDatabase()));

      it("enqueueMessages never queues the same dedupeKey twice, in one call or across calls", async () => {
        expect(await m.outbox.enqueueMessages({ messages: [message("a"), message("b"), message("a")] })).toEqual({ queued: 2 });
        expect(await m.outbox.enqueueMessages({ messages: [message("b"), message("c")] })).toEqual({ queued: 1 });
        expect(await m.outbox.enqueueMessages({ messages: [] })).toEqual({ queued: 0 });
        const rows = await outboxRows(m);
        expect(rows.map((row) => [row.dedupeKey, row.status, row.attempts, JSON.parse(row.headers)])).toEqual([
          ["a", "pending", 0, { "X-Key": "a" }],
          ["b", "pending", 0, { "X-Key": "b" }],
          ["c", "pending", 0, { "X-Key": "c" }],
        ]);
      });

      it("queues in the caller's transaction, and not at all when it rolls back", async () => {
        await expect(
          m.client.withTransaction(async (tx) => {
            await m.outbox.enqueueMessages({ messages: [message("rolled-back")], tx });
            throw new Error("boom");
          }),
        ).rejects.toThrow("boom");
        await m.client.withTransaction((tx) => m.outbox.enqueueMessages({ messages: [message("committed")], tx }));
        const keys = (await outboxRows(m)).map((row) => row.dedupeKey);
        expect(keys).toContain("committed");
        expect(keys).not.toContain("rolled-back");
      });
    });

    describe("claims", () => {
      it("never hand one message to two senders, however many claims run at once on two instances", async () => {
        const { a, b } = await freshDatabase();
        await a.outbox.enqueueMessages({ messages: Array.from({ length: 200 }, (_, i) => message(`m${i}`)) });
        const now = new Date(Date.now() + SECOND);
        const claimedBy = new Map<number, string[]>();
        let round = 0;
        for (;;) {
          // 16 concurrent claims per round, alternating instances, until nothing is left.
          const batches = await Promise.all(
            Array.from({ length: 16 }, (_, i) => {
              const senderId = `sender-${round}-${i}`;
              return (i % 2 ? b : a).outbox.claimDueMessages({ senderId, limit: 7, leaseMs: 60_000, now }).then((rows) => ({ senderId, rows }));
            }),
          );
          round += 1;
          for (const { senderId, rows } of batches) for (const row of rows) claimedBy.set(row.id, [...(claimedBy.get(row.id) ?? []), senderId]);
          if (batches.every((batch) => batch.rows.length === 0)) break;
          expect(round).toBeLessThan(200);
        }
        expect(claimedBy.size).toBe(200);
        expect([...claimedBy.values()].filter((senders) => senders.length !== 1)).toEqual([]);
        // The database agrees with what each sender was told.
        for (const row of await outboxRows(a)) expect(claimedBy.get(row.id)).toEqual([row.claimedBy]);
      });

      // PostgreSQL only (defined, not skipped, elsewhere): SQLite serialises writes, so a claim
      // never meets a half-made one.
      if (target.dialect === "postgres") it("re-check, after waiting, rows another sender claimed meanwhile (READ COMMITTED)", async () => {
        const { a, b, url } = await freshDatabase();
        await a.outbox.enqueueMessages({ messages: Array.from({ length: 10 }, (_, i) => message(`race${i}`)) });
        const other = new pg.Client({ connectionString: url });
        await other.connect();
        try {
          // Another sender's claim of the five oldest, not yet committed.
          await other.query("begin");
          await other.query("update outbox set claimed_by = 'other', claimed_until = now() + interval '1 hour' where id in (select id from outbox order by id limit 5)");
          // This claim's snapshot still shows those five as free: it picks them and waits for their locks.
          const waiting = b.outbox.claimDueMessages({ senderId: "late", limit: 5, leaseMs: 60_000, now: new Date(Date.now() + SECOND) });
          for (;;) {
            // pg_stat_activity is frozen at its first read inside a transaction: clear it each time.
            const [, { rows }] = (await other.query(
              "select pg_stat_clear_snapshot(); select count(*)::int as n from pg_stat_activity where wait_event_type = 'Lock' and query like 'update \"outbox\"%'",
            )) as unknown as [unknown, { rows: { n: number }[] }];
            if ((rows[0]?.n ?? 0) > 0) break;
            await delay(10);
          }
          await other.query("commit");
          // Re-checked against the committed rows: all five are taken, so it gets none of them.
          expect(await waiting).toEqual([]);
          const next = await b.outbox.claimDueMessages({ senderId: "late", limit: 10, leaseMs: 60_000, now: new Date(Date.now() + SECOND) });
          expect(next.map((row) => row.dedupeKey)).toEqual([5, 6, 7, 8, 9].map((i) => `race${i}`));
        } finally {
          await other.end();
        }
      });

      it("let another sender take over a message once its sender's lease has run out", async () => {
        const { a, b } = await freshDatabase();
        await a.outbox.enqueueMessages({ messages: [message("lease")] });
        const now = new Date(Date.now() + SECOND);
        const [first] = await a.outbox.claimDueMessages({ senderId: "dies", limit: 5, leaseMs: 60_000, now });
        expect(first?.dedupeKey).toBe("lease");
        expect(await b.outbox.claimDueMessages({ senderId: "other", limit: 5, leaseMs: 60_000, now: new Date(now.getTime() + 59_000) })).toEqual([]);
        const [taken] = await b.outbox.claimDueMessages({ senderId: "other", limit: 5, leaseMs: 60_000, now: new Date(now.getTime() + 61_000) });
        expect(taken?.id).toBe(first?.id);
        // The first sender no longer holds it: its late report changes nothing.
        expect(await a.outbox.markMessageSent({ id: first!.id, senderId: "dies" })).toEqual({ updated: false });
        expect(await b.outbox.markMessageSent({ id: first!.id, senderId: "other" })).toEqual({ updated: true });
        expect((await outboxRows(a))[0]).toMatchObject({ status: "sent", claimedBy: "other", attempts: 1 });
      });
    });

    describe("delivery through a real SMTP server", () => {
      it("two senders on two instances deliver 200 messages, each exactly once", async () => {
        const { a, b } = await freshDatabase();
        const mailbox = makeTempDir("essays-outbox-mail-");
        const smtp = await startSmtpServer(mailbox);
        try {
          await a.outbox.enqueueMessages({ messages: Array.from({ length: 200 }, (_, i) => message(`d${i}`, `reader${i % 10}@example.org`)) });
          const loop = async (m: Modules, senderId: string) => {
            const send = m.mail.createMailSender({ server: smtp.url });
            let sent = 0;
            while ((await m.outbox.getOutboxStats()).pending > 0) {
              const result = await m.deliver.deliverOutbox({ senderId, limit: 10, send });
              expect(result.retried + result.failed).toBe(0);
              sent += result.sent;
              // The other sender holds the rest: wait for it instead of spinning.
              if (result.sent === 0) await delay(5);
            }
            return sent;
          };
          const [sentByA, sentByB] = await Promise.all([loop(a, "instance-a"), loop(b, "instance-b")]);
          expect(sentByA + sentByB).toBe(200);
          expect(sentByA).toBeGreaterThan(0);
          expect(sentByB).toBeGreaterThan(0);

          const received = Array.from({ length: 10 }, (_, i) => readMailbox(mailbox, `reader${i}@example.org`)).flat();
          expect(received).toHaveLength(200);
          expect(new Set(received.map((mail) => mail.subject)).size).toBe(200);
          const one = received.find((mail) => mail.subject === "Message d7");
          expect(one).toMatchObject({ to: ["reader7@example.org"], text: "Text d7", from: "essays@example.org" });
          expect(one?.headers["x-key"]).toBe("d7");
          expect(await a.outbox.getOutboxStats()).toEqual({ pending: 0, retrying: 0, sent: 200, failed: 0, nextAttemptAt: null });
        } finally {
          await smtp.stop();
        }
        // 200 SMTP conversations on loopback take a few seconds; more on a slow CI machine.
      }, 90_000);

      it("a mail server that is down delays delivery, with backoff, and loses nothing", async () => {
        const { a } = await freshDatabase();
        const mailbox = makeTempDir("essays-outbox-mail-");
        let smtp = await startSmtpServer(mailbox);
        const deadUrl = smtp.url;
        await smtp.stop(); // nothing listens there any more: connections are refused
        const t0 = new Date(Date.now() + SECOND);
        const at = (ms: number) => new Date(t0.getTime() + ms);
        await a.outbox.enqueueMessages({ messages: Array.from({ length: 5 }, (_, i) => message(`down${i}`, "patient@example.org")) });
        const deadSender = a.mail.createMailSender({ server: deadUrl });

        expect(await a.deliver.deliverOutbox({ senderId: "s", now: t0, send: deadSender })).toEqual({ sent: 0, retried: 5, failed: 0 });
        let rows = await outboxRows(a);
        for (const row of rows) {
          expect(row).toMatchObject({ status: "pending", attempts: 1, nextAttemptAt: at(30 * SECOND), claimedUntil: null });
          expect(row.lastError).toMatch(/ECONNREFUSED|connect/i);
        }
        expect(await a.outbox.getOutboxStats()).toMatchObject({ pending: 5, retrying: 5, nextAttemptAt: at(30 * SECOND) });

        // Not due yet: nothing is tried.
        expect(await a.deliver.deliverOutbox({ senderId: "s", now: at(10 * SECOND), send: deadSender })).toEqual({ sent: 0, retried: 0, failed: 0 });
        // Due: tried again, still down; the wait doubles.
        expect(await a.deliver.deliverOutbox({ senderId: "s", now: at(31 * SECOND), send: deadSender })).toEqual({ sent: 0, retried: 5, failed: 0 });
        rows = await outboxRows(a);
        for (const row of rows) expect(row).toMatchObject({ attempts: 2, nextAttemptAt: at(91 * SECOND) });

        // The server is back (on a new port, as after a restart elsewhere).
        smtp = await startSmtpServer(mailbox);
        try {
          const liveSender = a.mail.createMailSender({ server: smtp.url });
          expect(await a.deliver.deliverOutbox({ senderId: "s", now: at(60 * SECOND), send: liveSender })).toEqual({ sent: 0, retried: 0, failed: 0 });
          expect(await a.deliver.deliverOutbox({ senderId: "s", now: at(91 * SECOND), send: liveSender })).toEqual({ sent: 5, retried: 0, failed: 0 });
          expect(await a.deliver.deliverOutbox({ senderId: "s", now: at(10_000 * SECOND), send: liveSender })).toEqual({ sent: 0, retried: 0, failed: 0 });
          const received = readMailbox(mailbox, "patient@example.org");
          expect(received.map((mail) => mail.subject).sort()).toEqual([0, 1, 2, 3, 4].map((i) => `Message down${i}`));
          for (const row of await outboxRows(a)) expect(row).toMatchObject({ status: "sent", attempts: 3, sentAt: at(91 * SECOND) });
        } finally {
          await smtp.stop();
        }
      });

      it("gives up after the 20th failed attempt and keeps the message, counted as failed", async () => {
        const { a } = await freshDatabase();
        const { db, schema } = a.client.getDb();
        await a.outbox.enqueueMessages({ messages: [message("hopeless"), message("fine")] });
        await db.update(schema.outbox).set({ attempts: 19 }).where(eq(schema.outbox.dedupeKey, "hopeless"));
        await db.update(schema.outbox).set({ attempts: 7 }).where(eq(schema.outbox.dedupeKey, "fine"));
        const refuse = async () => {
          throw Object.assign(new Error("Mailbox unavailable"), { responseCode: 550 });
        };
        const now = new Date(Date.now() + SECOND);
        expect(await a.deliver.deliverOutbox({ senderId: "s", now, send: refuse })).toEqual({ sent: 0, retried: 1, failed: 1 });
        const rows = await outboxRows(a);
        expect(rows.find((row) => row.dedupeKey === "hopeless")).toMatchObject({ status: "failed", attempts: 20, lastError: "550: Mailbox unavailable" });
        // Seven failures before: the wait is capped at an hour.
        expect(rows.find((row) => row.dedupeKey === "fine")).toMatchObject({ status: "pending", attempts: 8, nextAttemptAt: new Date(now.getTime() + 3_600_000) });
        expect(await a.outbox.getOutboxStats()).toMatchObject({ pending: 1, retrying: 1, sent: 0, failed: 1 });
        // A failed message is never tried again.
        const later = new Date(now.getTime() + 86_400_000);
        const claimed = await a.outbox.claimDueMessages({ senderId: "t", limit: 10, leaseMs: 1_000, now: later });
        expect(claimed.map((row) => row.dedupeKey)).toEqual(["fine"]);
      });
    });

    describe("who gets e-mail", () => {
      let m: Modules;
      let counter = 0;
      beforeAll(async () => ({ a: m } = await freshDatabase()));

      async function user(values: { notify?: "replies" | "threads" | "never"; email?: string | null; name?: string; emailVerified?: Date | null } = {}) {
        counter += 1;
        const { db, schema } = m.client.getDb();
        const [row] = await db
          .insert(schema.users)
          .values({ email: `person${counter}@example.org`, name: `Person ${counter}`, ...values })
          .returning({ id: schema.users.id });
        return row!.id;
      }

      async function comment(values: {
        authorId: string | null;
        parentId?: number | null;
        essayPath?: string;
        status?: "published" | "pending" | "hidden";
        deletedAt?: Date | null;
        body?: string;
      }) {
        const { db, schema } = m.client.getDb();
        const body = values.body ?? "A thought";
        const [row] = await db
          .insert(schema.comments)
          .values({ essayPath: ESSAY, ...values, body, bodyHtml: `<p>${body}</p>` })
          .returning({ id: schema.comments.id });
        return row!.id;
      }

      /** The outbox rows a comment queued: [recipient address, kind]. */
      async function queuedFor(commentId: number) {
        const { db, schema } = m.client.getDb();
        const rows = await db
          .select({ to: schema.outbox.toAddress, kind: schema.outbox.kind })
          .from(schema.outbox)
          .where(like(schema.outbox.dedupeKey, `reply:${commentId}:%`))
          .orderBy(schema.outbox.toAddress);
        return rows.map((row) => [row.to, row.kind]);
      }

      async function emailOf(id: string) {
        const { db, schema } = m.client.getDb();
        const [row] = await db.select({ email: schema.users.email }).from(schema.users).where(eq(schema.users.id, id));
        return row!.email!;
      }

      it("tells the parent's author who replied, with the reply, a link, and a working unsubscribe", async () => {
        const parentAuthor = await user();
        const replier = await user({ name: "Grace Hopper" });
        const parent = await comment({ authorId: parentAuthor });
        const reply = await comment({ authorId: replier, parentId: parent, body: "Nanoseconds are *short*." });

        expect(await m.queue.queueReplyNotifications({ commentId: reply })).toEqual({ queued: 1 });
        expect(await queuedFor(reply)).toEqual([[await emailOf(parentAuthor), "reply"]]);

        const { db, schema } = m.client.getDb();
        const [row] = await db.select().from(schema.outbox).where(eq(schema.outbox.dedupeKey, `reply:${reply}:${parentAuthor}`));
        expect(row?.subject).toBe(`Grace Hopper replied to your comment on “${ESSAY_TITLE}”`);
        expect(row?.text).toContain("Nanoseconds are *short*.");
        expect(row?.text).toContain(`${SITE_URL}/comments/${reply}`);
        expect(row?.html).toContain("<p>Nanoseconds are *short*.</p>");
        // The replier's address appears nowhere in the message.
        expect(`${row?.subject}${row?.text}${row?.html}${row?.headers}`).not.toContain(await emailOf(replier));

        const headers = JSON.parse(row!.headers) as Record<string, string>;
        expect(headers["List-Unsubscribe-Post"]).toBe("List-Unsubscribe=One-Click");
        const token = decodeURIComponent(/token=([^>]+)>$/.exec(headers["List-Unsubscribe"] ?? "")?.[1] ?? "");
        expect(m.token.verifyUnsubscribeToken({ token })).toEqual({ userId: parentAuthor, scope: "comments" });
        expect(row?.text).toContain(`${SITE_URL}/unsubscribe?token=${token}`);

        // One click later, the next reply mails nobody.
        expect(await m.unsubscribe.unsubscribeByToken({ token })).toEqual({ ok: true });
        expect(await m.users.getUserNotifyById({ id: parentAuthor })).toBe("never");
        const second = await comment({ authorId: replier, parentId: parent });
        expect(await m.queue.queueReplyNotifications({ commentId: second })).toEqual({ queued: 0 });
      });

      it("queues the same event once, however often it is reported", async () => {
        const parent = await comment({ authorId: await user() });
        const reply = await comment({ authorId: await user(), parentId: parent });
        expect(await m.queue.queueReplyNotifications({ commentId: reply })).toEqual({ queued: 1 });
        expect(await m.queue.queueReplyNotifications({ commentId: reply })).toEqual({ queued: 0 });
        expect(await queuedFor(reply)).toHaveLength(1);
      });

      it("mails nobody about replying to oneself, or to a parent author who chose never or has no address", async () => {
        const self = await user({ notify: "threads" });
        const own = await comment({ authorId: self });
        const selfReply = await comment({ authorId: self, parentId: own });
        const never = await comment({ authorId: await user({ notify: "never" }) });
        const noAddress = await comment({ authorId: await user({ email: null }) });
        const replier = await user();
        for (const commentId of [selfReply, await comment({ authorId: replier, parentId: never }), await comment({ authorId: replier, parentId: noAddress })]) {
          expect(await m.queue.queueReplyNotifications({ commentId })).toEqual({ queued: 0 });
        }
      });

      // The recipients' query has one prepared shape per (reply author known?, parent author known?).
      it("mails the right people when the reply's or the parent's author is a former reader (no user row)", async () => {
        const parentAuthor = await user({ notify: "replies" });
        const follower = await user({ notify: "threads" });
        const root = await comment({ authorId: parentAuthor });
        await comment({ authorId: follower, parentId: root });
        const byFormerReader = await comment({ authorId: null, parentId: root });
        expect(await m.queue.queueReplyNotifications({ commentId: byFormerReader })).toEqual({ queued: 2 });
        expect(await queuedFor(byFormerReader)).toEqual(
          [
            [await emailOf(follower), "thread"],
            [await emailOf(parentAuthor), "reply"],
          ].sort((a, b) => a[0]!.localeCompare(b[0]!)),
        );

        const formerRoot = await comment({ authorId: null });
        await comment({ authorId: follower, parentId: formerRoot });
        const toFormerReader = await comment({ authorId: await user(), parentId: formerRoot });
        expect(await m.queue.queueReplyNotifications({ commentId: toFormerReader })).toEqual({ queued: 1 });
        expect(await queuedFor(toFormerReader)).toEqual([[await emailOf(follower), "thread"]]);
      });

      it("mails nobody about a held, hidden or deleted reply, or about a new top-level comment", async () => {
        const parent = await comment({ authorId: await user({ notify: "threads" }) });
        const replier = await user();
        const cases = [
          await comment({ authorId: replier, parentId: parent, status: "pending" }),
          await comment({ authorId: replier, parentId: parent, status: "hidden" }),
          await comment({ authorId: replier, parentId: parent, deletedAt: new Date() }),
          await comment({ authorId: replier }),
        ];
        for (const commentId of cases) expect(await m.queue.queueReplyNotifications({ commentId })).toEqual({ queued: 0 });
        expect(await m.queue.queueReplyNotifications({ commentId: 999_999 })).toEqual({ queued: 0 });
      });

      it("mails nobody under an active ban; an expired or lifted ban does not count", async () => {
        const { db, schema } = m.client.getDb();
        const replier = await user();
        const day = 86_400_000;
        const results: Record<string, unknown[]> = {};
        for (const [label, ban] of [
          ["permanent", { endsAt: null, liftedAt: null }],
          ["until tomorrow", { endsAt: new Date(Date.now() + day), liftedAt: null }],
          ["expired", { endsAt: new Date(Date.now() - day), liftedAt: null }],
          ["lifted", { endsAt: null, liftedAt: new Date(Date.now() - day) }],
        ] as const) {
          const author = await user();
          await db.insert(schema.bans).values({ userId: author, reason: "test", ...ban });
          const reply = await comment({ authorId: replier, parentId: await comment({ authorId: author }) });
          await m.queue.queueReplyNotifications({ commentId: reply });
          results[label] = (await queuedFor(reply)).map(([, kind]) => kind);
        }
        expect(results).toEqual({ permanent: [], "until tomorrow": [], expired: ["reply"], lifted: ["reply"] });
      });

      it("mails readers who asked for whole conversations about any new comment in the ones they joined", async () => {
        const parentAuthor = await user({ notify: "threads" });
        const follower = await user({ notify: "threads" });
        const repliesOnly = await user({ notify: "replies" });
        const leftIt = await user({ notify: "threads" });
        const hiddenOnly = await user({ notify: "threads" });
        const elsewhere = await user({ notify: "threads" });
        const replier = await user();

        const root = await comment({ authorId: await user() });
        await comment({ authorId: follower, parentId: root });
        const middle = await comment({ authorId: repliesOnly, parentId: root });
        const parent = await comment({ authorId: parentAuthor, parentId: middle });
        await comment({ authorId: leftIt, parentId: middle, deletedAt: new Date() });
        await comment({ authorId: hiddenOnly, parentId: parent, status: "hidden" });
        // Same essay, another conversation.
        await comment({ authorId: elsewhere, parentId: await comment({ authorId: await user() }) });

        const reply = await comment({ authorId: replier, parentId: parent });
        expect(await m.queue.queueReplyNotifications({ commentId: reply })).toEqual({ queued: 2 });
        expect(await queuedFor(reply)).toEqual(
          [
            [await emailOf(parentAuthor), "reply"],
            [await emailOf(follower), "thread"],
          ].sort(),
        );
      });

      it("looks recipients up in a fixed number of queries, however many there are", async () => {
        const root = await comment({ authorId: await user() });
        const few = await comment({ authorId: await user(), parentId: root });
        const { queries: forOne } = await countQueries(() => m.queue.queueReplyNotifications({ commentId: few }));

        const busyRoot = await comment({ authorId: await user() });
        for (let i = 0; i < 12; i++) await comment({ authorId: await user({ notify: "threads" }), parentId: busyRoot });
        const busy = await comment({ authorId: await user(), parentId: busyRoot });
        const { result, queries: forThirteen } = await countQueries(() => m.queue.queueReplyNotifications({ commentId: busy }));
        expect(result).toEqual({ queued: 13 });
        expect(forThirteen).toBe(forOne);
        expect(forOne).toBeLessThanOrEqual(3);
      });

      it("mails each moderator with a verified address in ADMIN_EMAILS, once per report and per waiting comment", async () => {
        const moderator = await user({ email: "MOD@example.org", emailVerified: new Date() });
        await user({ email: "unverified-mod@example.org", emailVerified: null });
        await user({ email: "reader-only@example.org", emailVerified: new Date() });
        const held = await comment({ authorId: await user(), status: "pending", body: "Buy now" });

        expect(await m.queue.queueModeratorNotifications({ kind: "pending", commentId: held })).toEqual({ queued: 1 });
        expect(await m.queue.queueModeratorNotifications({ kind: "pending", commentId: held })).toEqual({ queued: 0 });
        expect(await m.queue.queueModeratorNotifications({ kind: "report", commentId: held, reportId: 1, reason: "Spam" })).toEqual({ queued: 1 });
        expect(await m.queue.queueModeratorNotifications({ kind: "report", commentId: held, reportId: 2 })).toEqual({ queued: 1 });
        expect(await m.queue.queueModeratorNotifications({ kind: "report", commentId: held, reportId: 2 })).toEqual({ queued: 0 });

        const { db, schema } = m.client.getDb();
        const rows = await db
          .select({ to: schema.outbox.toAddress, key: schema.outbox.dedupeKey, kind: schema.outbox.kind, text: schema.outbox.text })
          .from(schema.outbox)
          .where(like(schema.outbox.dedupeKey, `%:${moderator}`));
        expect(rows.map((row) => [row.to, row.key, row.kind])).toEqual([
          ["MOD@example.org", `pending:${held}:${moderator}`, "moderation-pending"],
          ["MOD@example.org", `report:1:${moderator}`, "moderation-report"],
          ["MOD@example.org", `report:2:${moderator}`, "moderation-report"],
        ]);
        expect(rows[0]?.text).toContain("Buy now");
        expect(rows[1]?.text).toContain("Reason given: Spam");
        const everyone = await db.select({ to: schema.outbox.toAddress }).from(schema.outbox).where(like(schema.outbox.kind, "moderation-%"));
        expect(everyone.every((row) => row.to === "MOD@example.org")).toBe(true);
      });
    });

    describe("what pages get", () => {
      let m: Modules;
      beforeAll(async () => ({ a: m } = await freshDatabase()));

      async function user(values: { email: string | null; name?: string | null; displayName?: string | null }) {
        const { db, schema } = m.client.getDb();
        const [row] = await db.insert(schema.users).values(values).returning({ id: schema.users.id });
        return row!.id;
      }

      it("listRecentPublishedComments returns readable comments only, newest first, named, in one query", async () => {
        const { db, schema } = m.client.getDb();
        const ada = await user({ email: "ada@example.org", displayName: "Countess" });
        const alan = await user({ email: "alan.turing@example.org" });
        const base = Date.parse("2030-01-01T00:00:00Z");
        const insert = (values: { essayPath?: string; authorId?: string | null; authorName?: string; status?: "published" | "pending" | "hidden"; deletedAt?: Date; minute: number }) =>
          db
            .insert(schema.comments)
            .values({ essayPath: values.essayPath ?? ESSAY, authorId: values.authorId ?? null, authorName: values.authorName, status: values.status, deletedAt: values.deletedAt, body: `b${values.minute}`, bodyHtml: `<p>b${values.minute}</p>`, createdAt: new Date(base + values.minute * 60_000) })
            .returning({ id: schema.comments.id });
        await insert({ authorId: ada, minute: 1 });
        await insert({ authorId: alan, minute: 2 });
        await insert({ authorName: "Old Timer", minute: 3 });
        await insert({ authorId: ada, status: "pending", minute: 4 });
        await insert({ authorId: ada, status: "hidden", minute: 5 });
        await insert({ authorId: ada, deletedAt: new Date(base), minute: 6 });
        await insert({ authorId: alan, essayPath: "/fixtures/04/01/a-quiet-essay", minute: 7 });

        const { result: all, queries } = await countQueries(() => m.commentFeeds.listRecentPublishedComments({ limit: 50 }));
        expect(queries).toBe(1);
        expect(all.map((row) => [row.authorName, row.bodyHtml])).toEqual([
          ["Reader", "<p>b7</p>"],
          ["Old Timer", "<p>b3</p>"],
          ["Reader", "<p>b2</p>"],
          ["Countess", "<p>b1</p>"],
        ]);
        expect(JSON.stringify(all)).not.toContain("@");
        expect((await m.commentFeeds.listRecentPublishedComments({ essayPath: ESSAY, limit: 2 })).map((row) => row.bodyHtml)).toEqual(["<p>b3</p>", "<p>b2</p>"]);
        expect((await m.commentFeeds.listRecentPublishedComments({ essayPaths: [ESSAY], limit: 50 })).map((row) => row.bodyHtml)).toEqual(["<p>b3</p>", "<p>b2</p>", "<p>b1</p>"]);
        expect(await m.commentFeeds.listRecentPublishedComments({ essayPaths: [], limit: 50 })).toEqual([]);
      });

      it("never carries an e-mail address out of the notification code (only outbox rows hold them)", async () => {
        const parentAuthor = await user({ email: "parent@example.org", name: "Parent" });
        const replier = await user({ email: "replier@example.org", name: null });
        const { db, schema } = m.client.getDb();
        const [parent] = await db.insert(schema.comments).values({ essayPath: ESSAY, authorId: parentAuthor, body: "p", bodyHtml: "<p>p</p>" }).returning({ id: schema.comments.id });
        const [reply] = await db.insert(schema.comments).values({ essayPath: ESSAY, parentId: parent!.id, authorId: replier, body: "r", bodyHtml: "<p>r</p>" }).returning({ id: schema.comments.id });

        const results: unknown[] = [
          await m.queue.queueReplyNotifications({ commentId: reply!.id }),
          await m.notifications.getCommentForNotification({ commentId: reply!.id }),
          await m.outbox.getOutboxStats(),
          await m.deliver.deliverOutbox({ senderId: "s", send: async () => undefined }),
          await m.users.getUserNotifyById({ id: parentAuthor }),
          await m.users.updateUserNotify({ userId: parentAuthor, notify: "threads" }),
          await m.commentFeeds.listRecentPublishedComments({ limit: 50 }),
        ];
        expect(JSON.stringify(results)).not.toContain("@");
        expect((results[1] as { authorName: string }).authorName).toBe("Reader");
        expect((await outboxRows(m)).map((row) => row.toAddress)).toEqual(["parent@example.org"]);
      });

      it("unsubscribeByToken refuses a bad token and changes nothing", async () => {
        const reader = await user({ email: "keeps@example.org" });
        const good = m.token.signUnsubscribeToken({ userId: reader });
        for (const token of ["", "nonsense", `${good}x`, m.token.signUnsubscribeToken({ userId: reader, secret: "another-secret-".padEnd(44, "y") })]) {
          expect(await m.unsubscribe.unsubscribeByToken({ token })).toEqual({ ok: false });
        }
        expect(await m.users.getUserNotifyById({ id: reader })).toBe("replies");
        expect(await m.unsubscribe.unsubscribeByToken({ token: good })).toEqual({ ok: true });
        expect(await m.users.getUserNotifyById({ id: reader })).toBe("never");
        expect(await m.users.getUserNotifyById({ id: "no-such-user" })).toBeUndefined();
      });
    });
  });
}
