// Results go to bench/out/<name>.json (git-ignored) besides the printed table.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), "../..");
export const OUT_DIR = path.join(ROOT, "bench", "out");

export function outPath(file: string): string {
  fs.mkdirSync(OUT_DIR, { recursive: true });
  return path.join(OUT_DIR, file);
}

export function writeJson(name: string, data: unknown): string {
  const file = outPath(`${name}.json`);
  fs.writeFileSync(file, JSON.stringify(data, null, 2) + "\n");
  return path.relative(process.cwd(), file);
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
}

/** The 1-minute load average: on a 2-core box anything above ~2 means other work shared the cores. */
export function loadAverage(): number {
  return Math.round(os.loadavg()[0]! * 100) / 100;
}

/** Samples the 1-minute load average every 5 s; call the result to stop and read start, highest and end. */
export function watchLoad(): () => { atStart: number; highest: number; atEnd: number } {
  const atStart = loadAverage();
  let highest = atStart;
  const timer = setInterval(() => (highest = Math.max(highest, loadAverage())), 5000);
  timer.unref();
  return () => {
    clearInterval(timer);
    const atEnd = loadAverage();
    return { atStart, highest: Math.max(highest, atEnd), atEnd };
  };
}
