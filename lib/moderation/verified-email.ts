// Whether an OAuth/OIDC sign-in vouches for the user's e-mail address, which is what makes an
// address in ADMIN_EMAILS a moderator (lib/moderation/moderators.ts). Called from auth.ts
// (events.signIn); magic links verify the address themselves.

type SignInFacts = {
  /** account.provider: "github", "google", "oidc", … */
  provider: string | undefined;
  /** The provider's profile (OIDC claims, or GitHub's /user). */
  profile: { email?: string | null; email_verified?: unknown } | undefined;
  /** The address stored for the user. */
  email: string;
  /** The sign-in's OAuth access token (GitHub's address list needs it). */
  accessToken: string | undefined;
};

const same = (a: string, b: string) => a.trim().toLowerCase() === b.trim().toLowerCase();

/**
 * True when the provider vouches for `email`:
 *  - an explicit `email_verified: false`, or a profile address other than the stored one
 *    (an existing account keeps its first address), never vouches;
 *  - Google, and any OIDC issuer saying `email_verified: true`, vouch;
 *  - GitHub vouches when its address list marks that address verified. Auth.js's GitHub
 *    provider takes the primary address without checking, and GitHub accounts can sign in
 *    before confirming their address: trusting it would let anyone open a GitHub account
 *    with a moderator's address and become one.
 */
export async function providerVouchesForEmail(facts: SignInFacts, fetchImpl: typeof fetch = fetch): Promise<boolean> {
  const { provider, profile, email } = facts;
  if (profile?.email_verified === false) return false;
  if (typeof profile?.email === "string" && !same(profile.email, email)) return false;
  if (provider === "google" || profile?.email_verified === true) return true;
  if (provider === "github" && facts.accessToken) return gitHubVerifiedEmail(facts.accessToken, email, fetchImpl);
  return false;
}

async function gitHubVerifiedEmail(accessToken: string, email: string, fetchImpl: typeof fetch): Promise<boolean> {
  try {
    const response = await fetchImpl("https://api.github.com/user/emails", {
      headers: { Authorization: `Bearer ${accessToken}`, Accept: "application/vnd.github+json", "User-Agent": "essays-sign-in" },
      signal: AbortSignal.timeout(5_000),
    });
    if (!response.ok) return false;
    const emails: unknown = await response.json();
    return (
      Array.isArray(emails) &&
      emails.some((entry: { email?: unknown; verified?: unknown }) => typeof entry?.email === "string" && same(entry.email, email) && entry.verified === true)
    );
  } catch {
    // Unreachable or slow: not verified this time; the next sign-in asks again.
    return false;
  }
}
