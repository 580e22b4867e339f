import "server-only";
import { claimDueMessages, markMessageFailed, markMessageSent, type ClaimedMessage } from "@/db/queries/outbox";
import { env } from "@/env.js";
import { createMailSender, type SendMail } from "@/lib/mail/send-mail";
import { planRetry } from "./retry-policy";

/** What one run did: delivered, failed but due again later, failed for good. */
export type DeliveryResult = { sent: number; retried: number; failed: number };

/** How long a sender holds the messages it claimed before another sender may take them. */
export const LEASE_MS = 5 * 60 * 1000;
/** No new send starts after this much of the lease: a send still running when it ends could go out twice. */
const SEND_WINDOW_MS = LEASE_MS / 2;
/** Bounds one SMTP conversation (connect, greeting, idle socket), far inside the lease. */
const SMTP_TIMEOUT_MS = 30_000;
const BATCH = 20;
const CONCURRENT_SENDS = 4;

let outboxSender: SendMail | undefined;

// EMAIL_SERVER, or the console mailbox; unlike sign-in mail, with timeouts (see the lease above).
function defaultSender(): SendMail {
  return (outboxSender ??= createMailSender({ server: env.EMAIL_SERVER, timeoutMs: SMTP_TIMEOUT_MS }));
}

/**
 * Claims due messages for `senderId` and sends them, a few at a time, OUTSIDE any transaction
 * (a SQLite transaction would hold up every request during the SMTP conversation).
 * Delivery is at least once: a crash between the SMTP server's "250 OK" and markMessageSent
 * sends that message again when the lease ends. In normal operation each message goes out
 * exactly once, with any number of senders (claimDueMessages never hands one out twice).
 * `send` defaults to EMAIL_SERVER or the console mailbox; tests pass a sender bound to a
 * real SMTP server. `now` is the run's clock for due times and backoff.
 */
export async function deliverOutbox({
  senderId,
  limit = BATCH,
  now = new Date(),
  send = defaultSender(),
}: {
  senderId: string;
  limit?: number;
  now?: Date;
  send?: SendMail;
}): Promise<DeliveryResult> {
  const messages = await claimDueMessages({ senderId, limit, leaseMs: LEASE_MS, now });
  const started = performance.now();
  const result: DeliveryResult = { sent: 0, retried: 0, failed: 0 };
  let next = 0;
  // A few SMTP conversations at once: each one mostly waits on the network.
  const worker = async () => {
    while (next < messages.length) {
      // The rest stay claimed until the lease ends, then any sender takes them.
      if (performance.now() - started > SEND_WINDOW_MS) return;
      const message = messages[next++];
      if (message) result[await deliverOne({ message, senderId, now, send })] += 1;
    }
  };
  await Promise.all(Array.from({ length: Math.min(CONCURRENT_SENDS, messages.length) }, worker));
  return result;
}

async function deliverOne({
  message,
  senderId,
  now,
  send,
}: {
  message: ClaimedMessage;
  senderId: string;
  now: Date;
  send: SendMail;
}): Promise<keyof DeliveryResult> {
  try {
    await send({ to: message.toAddress, subject: message.subject, text: message.text, html: message.html, headers: message.headers });
  } catch (error) {
    const retry = planRetry({ attempts: message.attempts, now });
    await markMessageFailed({ id: message.id, senderId, error: describeError(error), ...retry });
    return retry.giveUp ? "failed" : "retried";
  }
  await markMessageSent({ id: message.id, senderId, now });
  return "sent";
}

/**
 * Runs deliverOutbox until a batch comes back short (nothing more is due) or `budgetMs` has
 * passed, for the interval runner and the cron route. The counts are summed.
 */
export async function drainOutbox({
  senderId,
  budgetMs,
  now,
  send,
}: {
  senderId: string;
  budgetMs: number;
  now?: Date;
  send?: SendMail;
}): Promise<DeliveryResult> {
  const started = performance.now();
  const total: DeliveryResult = { sent: 0, retried: 0, failed: 0 };
  for (;;) {
    const run = await deliverOutbox({ senderId, limit: BATCH, now: now ?? new Date(), send });
    total.sent += run.sent;
    total.retried += run.retried;
    total.failed += run.failed;
    if (run.sent + run.retried + run.failed < BATCH || performance.now() - started > budgetMs) return total;
  }
}

function describeError(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as Error & { code?: unknown; responseCode?: unknown }).responseCode ?? (error as Error & { code?: unknown }).code;
    return code === undefined ? error.message : `${String(code)}: ${error.message}`;
  }
  return String(error);
}
