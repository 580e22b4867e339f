"use client";

import { useSyncExternalStore } from "react";

const noSubscription = () => () => undefined;

/** False during the server render and hydration, true afterwards: for controls that need JavaScript. */
export function useHydrated(): boolean {
  return useSyncExternalStore(
    noSubscription,
    () => true,
    () => false,
  );
}

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

/** A value kept in localStorage, read after hydration; `fallback` on the server and when storage is off. */
export function useStoredChoice<T extends string>(key: string, allowed: readonly T[], fallback: T): [T, (value: T) => void] {
  const value = useSyncExternalStore(
    (listener) => {
      window.addEventListener("storage", listener);
      window.addEventListener(`local:${key}`, listener);
      return () => {
        window.removeEventListener("storage", listener);
        window.removeEventListener(`local:${key}`, listener);
      };
    },
    () => {
      try {
        const stored = localStorage.getItem(key);
        return allowed.includes(stored as T) ? (stored as T) : fallback;
      } catch {
        return fallback;
      }
    },
    () => fallback,
  );
  const set = (next: T) => {
    try {
      localStorage.setItem(key, next);
    } catch {
      // Storage is off: the choice lasts until the next event.
    }
    window.dispatchEvent(new Event(`local:${key}`));
  };
  return [value, set];
}
