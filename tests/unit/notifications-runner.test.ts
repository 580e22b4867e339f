import { setTimeout as delay } from "node:timers/promises";
import { afterEach, describe, expect, it, vi } from "vitest";
import { hasBearerSecret } from "@/lib/notifications/cron-request";
import { startOutboxRunner, type OutboxRunner } from "@/lib/notifications/outbox-runner";
import { MAX_ATTEMPTS, planRetry } from "@/lib/notifications/retry-policy";

describe("the outbox runner (one box)", () => {
  let runner: OutboxRunner | undefined;
  afterEach(async () => {
    await runner?.stop();
    runner = undefined;
    vi.restoreAllMocks();
  });

  it("never overlaps itself: the next run starts an interval after the previous one ended", async () => {
    let running = 0;
    let most = 0;
    let runs = 0;
    const drain = vi.fn(async () => {
      running += 1;
      most = Math.max(most, running);
      runs += 1;
      await delay(40); // a run four times longer than the interval
      running -= 1;
      return { sent: 0, retried: 0, failed: 0 };
    });
    runner = startOutboxRunner({ intervalSeconds: 0.01, drain });
    await delay(300);
    expect(most).toBe(1);
    expect(runs).toBeGreaterThanOrEqual(3);
    expect(drain).toHaveBeenCalledWith({ senderId: runner.senderId, budgetMs: 60_000 });
  });

  it("is started once per process, keeps going after a failed run, and stops after the run in progress", async () => {
    const errors = vi.spyOn(console, "error").mockImplementation(() => undefined);
    vi.spyOn(console, "info").mockImplementation(() => undefined);
    let calls = 0;
    let finished = 0;
    const drain = async () => {
      calls += 1;
      await delay(20);
      finished += 1;
      if (calls <= 2) throw new Error("database unreachable");
      return { sent: 1, retried: 0, failed: 0 };
    };
    runner = startOutboxRunner({ intervalSeconds: 0.01, drain });
    expect(startOutboxRunner({ intervalSeconds: 0.01, drain })).toBe(runner);
    while (calls < 4) await delay(5);
    // The same error twice is reported once.
    expect(errors.mock.calls.filter(([message]) => String(message).includes("database unreachable"))).toHaveLength(1);
    await runner.stop();
    const stoppedAt = calls;
    expect(finished).toBe(calls);
    await delay(60);
    expect(calls).toBe(stoppedAt);
  });
});

describe("the cron route's secret", () => {
  const secret = "cron-secret-0123456789abcdef";
  const request = (authorization?: string) =>
    new Request("https://essays.example.org/api/outbox/run", { headers: authorization ? { authorization } : {} });

  it("accepts exactly `Bearer <CRON_SECRET>`", () => {
    expect(hasBearerSecret({ request: request(`Bearer ${secret}`), secret })).toBe(true);
    expect(hasBearerSecret({ request: request(`bearer ${secret}`), secret })).toBe(true);
    for (const header of [undefined, "", secret, `Bearer ${secret}x`, `Bearer ${secret.slice(0, -1)}`, `Basic ${secret}`, "Bearer "]) {
      expect(hasBearerSecret({ request: request(header), secret })).toBe(false);
    }
  });
});

describe("retry policy", () => {
  it("waits 30 s, then twice as long each time, at most an hour, and gives up at the 20th failure", () => {
    const now = new Date("2030-01-01T00:00:00Z");
    const waits = Array.from({ length: MAX_ATTEMPTS }, (_, attempts) => (planRetry({ attempts, now }).nextAttemptAt.getTime() - now.getTime()) / 1000);
    expect(waits.slice(0, 9)).toEqual([30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
    expect(Array.from({ length: MAX_ATTEMPTS }, (_, attempts) => planRetry({ attempts, now }).giveUp).indexOf(true)).toBe(19);
  });
});
