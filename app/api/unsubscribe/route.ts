import { unsubscribeByToken } from "@/lib/notifications/unsubscribe";

/**
 * RFC 8058 one-click unsubscribe: mail clients POST `List-Unsubscribe=One-Click` to the
 * address in the List-Unsubscribe header, token in its query. No GET handler on purpose:
 * link scanners follow GETs, and a GET must never unsubscribe (the /unsubscribe page asks first).
 */
export async function POST(request: Request) {
  const token = new URL(request.url).searchParams.get("token") ?? (await tokenFromForm(request));
  const { ok } = await unsubscribeByToken({ token });
  const headers = { "Content-Type": "text/plain; charset=utf-8", "Cache-Control": "no-store" };
  if (!ok) return new Response("This unsubscribe link is not valid.\n", { status: 400, headers });
  return new Response("You will get no more e-mail about conversations.\n", { status: 200, headers });
}

async function tokenFromForm(request: Request): Promise<string> {
  try {
    const value = (await request.formData()).get("token");
    return typeof value === "string" ? value : "";
  } catch {
    return "";
  }
}
