/**
 * When a message that failed is tried again: 30 s after the first failure, doubling each time,
 * at most an hour apart; the 20th failed attempt gives up (status "failed", kept and counted in
 * getOutboxStats). From the first failure to giving up takes about 13 hours, enough to ride out a
 * mail provider's outage overnight.
 */
export const RETRY_BASE_MS = 30_000;
export const RETRY_MAX_DELAY_MS = 60 * 60 * 1000;
export const MAX_ATTEMPTS = 20;

/** `attempts`: attempts made before the one that just failed. */
export function planRetry({ attempts, now }: { attempts: number; now: Date }): { giveUp: boolean; nextAttemptAt: Date } {
  const delay = Math.min(RETRY_BASE_MS * 2 ** attempts, RETRY_MAX_DELAY_MS);
  return { giveUp: attempts + 1 >= MAX_ATTEMPTS, nextAttemptAt: new Date(now.getTime() + delay) };
}
