import { env } from "@/env.js";

/**
 * True in a server that `next start` runs (or a production host), false while `next build`
 * imports the routes, in `next dev`, tests and scripts: where start-up work (a warm-up, a render
 * thread) pays off only in a process that keeps serving.
 */
export const inRunningServer = env.NODE_ENV === "production" && env.NEXT_PHASE !== "phase-production-build";
