import "server-only";
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import { drainOutbox } from "./deliver-outbox";

export type OutboxRunner = { senderId: string; stop(): Promise<void> };

// `next dev` may evaluate this module again; one runner per process is enough.
const registry = globalThis as typeof globalThis & { essaysOutboxRunner?: OutboxRunner };

/**
 * Sends queued e-mail from inside a long-running server (one box, or every instance of a few:
 * claims keep them from sending the same message). Each run starts `intervalSeconds` after
 * the previous one ENDED, so runs never overlap; the timer is unref'd, so it never keeps the
 * process alive. Started by instrumentation.ts; serverless hosts call /api/outbox/run instead.
 */
export function startOutboxRunner({
  intervalSeconds,
  drain = drainOutbox,
}: {
  intervalSeconds: number;
  drain?: typeof drainOutbox;
}): OutboxRunner {
  if (registry.essaysOutboxRunner) return registry.essaysOutboxRunner;
  const senderId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const intervalMs = intervalSeconds * 1000;
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let stopped = false;
  let lastError = "";

  const tick = async () => {
    try {
      const result = await drain({ senderId, budgetMs: 60_000 });
      if (lastError) console.info("Outbox: sending works again.");
      lastError = "";
      if (result.retried) console.warn(`Outbox: ${result.retried} e-mail(s) could not be sent and will be tried again later.`);
      if (result.failed) console.error(`Outbox: ${result.failed} e-mail(s) failed for good after every retry (status "failed" in the outbox table).`);
    } catch (error) {
      // The database may be briefly unreachable; say so once, not every few seconds.
      const message = error instanceof Error ? error.message : String(error);
      if (message !== lastError) console.error(`Outbox: sending queued e-mail failed: ${message}`);
      lastError = message;
    }
  };
  const schedule = () => {
    timer = setTimeout(() => {
      running = tick().finally(() => {
        running = undefined;
        if (!stopped) schedule();
      });
    }, intervalMs);
    timer.unref();
  };
  schedule();

  const runner: OutboxRunner = {
    senderId,
    async stop() {
      stopped = true;
      clearTimeout(timer);
      await running;
      if (registry.essaysOutboxRunner === runner) registry.essaysOutboxRunner = undefined;
    },
  };
  registry.essaysOutboxRunner = runner;
  return runner;
}
