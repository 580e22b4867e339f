import type { IncomingMessage } from "node:http";
import { OAuth2Server } from "oauth2-mock-server";

/** A person the OpenID Connect test server signs in; chosen per browser by the `oidc_user` cookie. */
export type OidcUser = { sub: string; email: string; name: string };

export const OIDC_USER_COOKIE = "oidc_user";

function cookie(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie ?? "";
  const pair = header.split(/;\s*/).find((part) => part.startsWith(`${name}=`));
  return pair ? decodeURIComponent(pair.slice(name.length + 1)) : undefined;
}

/**
 * A real OpenID Connect issuer on loopback (oauth2-mock-server). It approves every
 * /authorize without a login page; which user it signs in is read from a cookie the test
 * sets (JSON of OidcUser), remembered by authorization code, and written into the tokens.
 */
export async function startOidcServer(): Promise<{ issuer: string; clientId: string; clientSecret: string; stop: () => Promise<void> }> {
  const server = new OAuth2Server();
  await server.issuer.keys.generate("RS256");
  await server.start(0, "127.0.0.1");
  const address = server.address();
  // It would announce http://localhost:PORT; the issuer must match what Auth.js discovers (stack notes, pitfall 9).
  server.issuer.url = `http://127.0.0.1:${address.port}`;

  const userByCode = new Map<string, OidcUser>();
  server.service.on("beforeAuthorizeRedirect", (redirect, req) => {
    const code = redirect.url.searchParams.get("code");
    const raw = cookie(req, OIDC_USER_COOKIE);
    if (code && raw) userByCode.set(code, JSON.parse(raw) as OidcUser);
  });
  const userFor = (req: { body?: Record<string, unknown> }) => userByCode.get(String(req.body?.code ?? ""));
  server.service.on("beforeTokenSigning", (token, req) => {
    const user = userFor(req as { body?: Record<string, unknown> });
    if (!user) return;
    Object.assign(token.payload, { sub: user.sub, email: user.email, email_verified: true, name: user.name });
  });
  // The userinfo endpoint has no code; the id_token already carries the claims Auth.js uses.

  return {
    issuer: server.issuer.url,
    clientId: "essays-e2e",
    clientSecret: "essays-e2e-secret",
    stop: () => server.stop(),
  };
}
