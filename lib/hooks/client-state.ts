"use client";

import { useSyncExternalStore } from "react";

// One clock for every relative time on the page, ticking once a minute.
let now = Date.now();
const listeners = new Set<() => void>();
let timer: ReturnType<typeof setInterval> | undefined;

function subscribeToClock(listener: () => void) {
  listeners.add(listener);
  timer ??= setInterval(() => {
    now = Date.now();
    for (const notify of listeners) notify();
  }, 60_000);
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0 && timer) {
      clearInterval(timer);
      timer = undefined;
    }
  };
}

/** The current time in the browser (minute resolution); undefined on the server, where "now" would go stale. */
export function useNow(): number | undefined {
  return useSyncExternalStore(
    subscribeToClock,
    () => now,
    () => undefined,
  );
}
