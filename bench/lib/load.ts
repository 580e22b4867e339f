// Load generators for the benchmarks: autocannon for pages (GET), and a small
// keep-alive HTTP client that times each request itself for writes (POST).
import http from "node:http";
import autocannon, { type Result as CannonResult } from "autocannon";

export type CannonOptions = { connections: number; duration: number; warmupSeconds: number };

export type Throughput = {
  requestsPerSecondMean: number;
  latencyP50Ms: number;
  latencyP99Ms: number;
  requestsTotal: number;
  non2xx: number;
  errors: number;
  timeouts: number;
};

/** autocannon's API: a warm-up run (discarded), then the measured one. No Accept-Encoding: the uncompressed page. */
export async function measureThroughput(url: string, options: CannonOptions): Promise<Throughput> {
  if (options.warmupSeconds > 0) await autocannon({ url, connections: options.connections, duration: options.warmupSeconds });
  const result: CannonResult = await autocannon({ url, connections: options.connections, duration: options.duration });
  return {
    requestsPerSecondMean: result.requests.mean,
    latencyP50Ms: result.latency.p50,
    latencyP99Ms: result.latency.p99,
    requestsTotal: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors,
    timeouts: result.timeouts,
  };
}

export type Timed = { status: number; ms: number; body: string; error?: string };

/** One request over a keep-alive agent, timed from before it is sent to the last byte of the answer. */
export function timedRequest(
  agent: http.Agent,
  url: string,
  options: { method: string; headers?: Record<string, string>; body?: string; timeoutMs?: number },
): Promise<Timed> {
  return new Promise((resolve) => {
    const started = process.hrtime.bigint();
    const elapsed = () => Number(process.hrtime.bigint() - started) / 1e6;
    const payload = options.body === undefined ? undefined : Buffer.from(options.body);
    const request = http.request(
      url,
      {
        method: options.method,
        agent,
        headers: { ...options.headers, ...(payload ? { "content-length": String(payload.length) } : {}) },
        timeout: options.timeoutMs ?? 30_000,
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on("data", (chunk: Buffer) => chunks.push(chunk));
        response.on("end", () => resolve({ status: response.statusCode ?? 0, ms: elapsed(), body: Buffer.concat(chunks).toString("utf8") }));
        response.on("error", (error) => resolve({ status: 0, ms: elapsed(), body: "", error: error.message }));
      },
    );
    request.on("timeout", () => request.destroy(new Error("timeout")));
    request.on("error", (error) => resolve({ status: 0, ms: elapsed(), body: "", error: error.message }));
    request.end(payload);
  });
}

/** The value below which `p` % of the values lie (nearest rank). */
export function percentile(values: number[], p: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * sorted.length));
  return sorted[Math.min(rank, sorted.length) - 1]!;
}
