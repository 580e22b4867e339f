import { randomUUID } from "node:crypto";
import { env } from "@/env.js";
import { hasBearerSecret } from "@/lib/notifications/cron-request";
import { drainOutbox } from "@/lib/notifications/deliver-outbox";

// Serverless hosts have no process to run a timer in: a scheduler (Vercel Cron, a GitHub
// Action, crontab + curl) calls this every minute or so. See docs/decisions/012-notifications-outbox.md.
export const dynamic = "force-dynamic";
// Most hosts stop a function after 10–60 s; stop starting new batches well before that.
const BUDGET_MS = 20_000;

async function run(request: Request): Promise<Response> {
  // Unset: the route does not exist (nothing to guess at, and instrumentation.ts sends instead).
  if (!env.CRON_SECRET) return new Response("Not found", { status: 404 });
  if (!hasBearerSecret({ request, secret: env.CRON_SECRET })) {
    return Response.json({ error: "Send Authorization: Bearer <CRON_SECRET>." }, { status: 401, headers: { "WWW-Authenticate": "Bearer" } });
  }
  const result = await drainOutbox({ senderId: `cron:${randomUUID()}`, budgetMs: BUDGET_MS });
  return Response.json(result, { headers: { "Cache-Control": "no-store" } });
}

export function GET(request: Request) {
  return run(request);
}

export function POST(request: Request) {
  return run(request);
}
