import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { auth, oauthProviders } from "@/auth";
import { MagicLinkForm } from "@/components/auth/magic-link-form";
import { safeCallbackPath } from "@/lib/auth/callback-url";
import { signInErrorMessage } from "@/lib/auth/sign-in-errors";
import { signInWithProvider } from "@/lib/auth/sign-in-actions";

export const metadata: Metadata = { title: "Sign in", robots: { index: false } };

type Props = { searchParams: Promise<{ callbackUrl?: string; error?: string }> };

export default async function SignInPage({ searchParams }: Props) {
  const { callbackUrl: requested, error } = await searchParams;
  const callbackUrl = safeCallbackPath(requested);
  if ((await auth())?.user) redirect(callbackUrl);
  const providers = oauthProviders();
  const problem = signInErrorMessage(error);

  return (
    <div className="narrow">
      <h1 className="page-title">Sign in</h1>
      <p className="page-intro">Sign in to comment and reply. Other readers see only the name you choose, never your e-mail.</p>
      {problem && (
        <p className="form-error" role="alert">
          {problem}
        </p>
      )}
      {providers.length > 0 && (
        <section aria-labelledby="providers-title" className="providers">
          <h2 id="providers-title" className="visually-hidden">
            Sign in with an account you have
          </h2>
          <ul>
            {providers.map((provider) => (
              <li key={provider.id}>
                <form action={signInWithProvider}>
                  <input type="hidden" name="provider" value={provider.id} />
                  <input type="hidden" name="callbackUrl" value={callbackUrl} />
                  <button type="submit" className="button button-secondary">
                    Sign in with {provider.name}
                  </button>
                </form>
              </li>
            ))}
          </ul>
          <p className="divider">
            <span>or</span>
          </p>
        </section>
      )}
      <section aria-labelledby="email-title">
        <h2 id="email-title" className="section-title">
          Sign in with e-mail
        </h2>
        <MagicLinkForm callbackUrl={callbackUrl} />
      </section>
    </div>
  );
}
