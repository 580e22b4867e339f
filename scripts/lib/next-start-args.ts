/**
 * The arguments every `next start` of this project gets, shared by `npm start` and the test harness
 * so tests serve the blog the way operators do.
 *
 * `--keepAliveTimeout`: Node closes an idle keep-alive connection after 5 s. A client (a load
 * balancer, a CDN, Playwright's request context) that reuses that connection at the moment it
 * closes gets `ECONNRESET` or a 502. Holding idle connections for 65 s, longer than the 60 s idle
 * timeout of common load balancers, leaves closing them to the client, as those balancers expect.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

export function nextStartArgs(port: number): string[] {
  return ["start", "--port", String(port), "--keepAliveTimeout", String(KEEP_ALIVE_TIMEOUT_MS)];
}
