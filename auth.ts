import NextAuth from "next-auth";
import type { Provider } from "next-auth/providers";
import GitHub from "next-auth/providers/github";
import Google from "next-auth/providers/google";
import { createAuthAdapter } from "@/db/auth-adapter";
import { takeRateLimitToken } from "@/db/queries/rate-limits";
import { markUserEmailVerified } from "@/db/queries/users";
import { env } from "@/env.js";
import { sendMail } from "@/lib/mail/send-mail";
import { signInEmail } from "@/lib/mail/sign-in-email";
import { isModerator } from "@/lib/moderation/moderators";
import { providerVouchesForEmail } from "@/lib/moderation/verified-email";
import { publicName } from "@/lib/auth/display-name";
import { authCookies } from "@/lib/auth/session-cookie";
import { SIGN_IN_EMAIL_BUCKET, SIGN_IN_EMAIL_WINDOW_MS } from "@/lib/auth/limits";

const MAGIC_LINK_HOURS = 24;

/**
 * What a session carries, on the server (auth()) and to any script (/api/auth/session): the
 * reader's id, public name, avatar and role. Not the e-mail, not the session token, not the
 * rest of the user row (docs/decisions/031-minimal-session-and-account-menu.md).
 */
export type SessionUser = { id: string; name: string; image: string | null; role: "moderator" | "reader" };

declare module "next-auth" {
  interface Session {
    user: SessionUser;
  }
}

/** Providers switched on by their environment variables (Auth.js's own names). */
function configuredProviders(): Provider[] {
  const providers: Provider[] = [];
  if (env.AUTH_GITHUB_ID && env.AUTH_GITHUB_SECRET) {
    providers.push(GitHub({ clientId: env.AUTH_GITHUB_ID, clientSecret: env.AUTH_GITHUB_SECRET }));
  }
  if (env.AUTH_GOOGLE_ID && env.AUTH_GOOGLE_SECRET) {
    providers.push(Google({ clientId: env.AUTH_GOOGLE_ID, clientSecret: env.AUTH_GOOGLE_SECRET }));
  }
  if (env.AUTH_OIDC_ISSUER && env.AUTH_OIDC_ID) {
    providers.push({
      id: "oidc",
      name: env.AUTH_OIDC_NAME ?? "OpenID Connect",
      type: "oidc",
      issuer: env.AUTH_OIDC_ISSUER,
      clientId: env.AUTH_OIDC_ID,
      clientSecret: env.AUTH_OIDC_SECRET,
      checks: ["pkce", "state", "nonce"],
      profile(profile) {
        return {
          id: String(profile.sub),
          name: (profile.name as string | undefined) ?? (profile.preferred_username as string | undefined) ?? null,
          email: (profile.email as string | undefined) ?? null,
          image: (profile.picture as string | undefined) ?? null,
        };
      },
    });
  }
  // Magic links are always on: with no EMAIL_SERVER they go to the console mailbox,
  // so a fresh clone can sign in without configuring anything.
  providers.push({
    id: "email",
    type: "email",
    name: "E-mail",
    from: undefined,
    maxAge: MAGIC_LINK_HOURS * 60 * 60,
    options: {},
    async sendVerificationRequest({ identifier, url }) {
      // The one place every sign-in e-mail passes, so the limit holds even for a direct POST.
      const allowed = await takeRateLimitToken({
        bucket: SIGN_IN_EMAIL_BUCKET,
        key: identifier,
        limit: env.SIGN_IN_EMAILS_PER_HOUR,
        windowMs: SIGN_IN_EMAIL_WINDOW_MS,
      });
      if (!allowed.ok) throw new Error("Too many sign-in e-mails for this address; try again later.");
      await sendMail(signInEmail({ to: identifier, url, expiresInHours: MAGIC_LINK_HOURS }));
    },
  });
  return providers;
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  adapter: createAuthAdapter(),
  session: { strategy: "database", maxAge: 30 * 24 * 60 * 60, updateAge: 24 * 60 * 60 },
  // The session cookie's name, shared with the comment writes' session reader (lib/auth/session-cookie.ts).
  cookies: authCookies(),
  secret: env.AUTH_SECRET,
  // The host header is trusted only when the public address is pinned (AUTH_URL; `npm start`
  // sets it from SITE_URL) or the host sets it (Vercel): never derived from a request alone.
  trustHost: Boolean(env.AUTH_URL || env.VERCEL),
  providers: configuredProviders(),
  pages: { signIn: "/sign-in", verifyRequest: "/sign-in/check-email", error: "/sign-in" },
  events: {
    // Moderators need a verified address (lib/moderation/moderators.ts). Magic links verify
    // it themselves; an OAuth/OIDC sign-in counts when the provider vouches for the address.
    async signIn({ user, account, profile }) {
      const stored = user as typeof user & { emailVerified?: Date | null };
      if (!user.id || !user.email || stored.emailVerified || account?.type === "email") return;
      const facts = { provider: account?.provider, profile, email: user.email, accessToken: account?.access_token };
      if (await providerVouchesForEmail(facts)) await markUserEmailVerified({ userId: user.id });
    },
  },
  callbacks: {
    // Auth.js hands this callback the stored session (with its token) and the whole user row,
    // and sends whatever it returns as JSON: so an allow-list is built here, nothing spread.
    session({ session, user }) {
      const stored = user as typeof user & { displayName?: string | null; emailVerified?: Date | null };
      return {
        expires: session.expires,
        user: {
          id: user.id,
          // The one public-name rule (lib/auth/display-name.ts): never the e-mail or a part of it.
          name: publicName({ displayName: stored.displayName ?? null, name: user.name ?? null }),
          image: user.image ?? null,
          // From the row already loaded: the same rule as getModeratorById, no second query.
          role: isModerator({ email: user.email ?? null, emailVerified: stored.emailVerified ?? null }) ? "moderator" : "reader",
        },
      };
    },
  },
});

/** Providers for the sign-in page's buttons (the e-mail form is separate). */
export function oauthProviders(): { id: string; name: string }[] {
  return configuredProviders()
    .filter((provider) => typeof provider !== "function" && provider.type !== "email")
    .map((provider) => {
      const p = provider as { id: string; name: string };
      return { id: p.id, name: p.name };
    });
}
