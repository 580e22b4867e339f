/** Auth.js sends readers back to the sign-in page with ?error=<code>; each code in words. */
const messages: Record<string, string> = {
  Verification: "That sign-in link has expired or was already used. Ask for a new one below.",
  OAuthAccountNotLinked:
    "This e-mail address already signed in another way. Sign in the way you did before (for example with an e-mail link).",
  AccessDenied: "Sign-in was refused.",
  Configuration: "Sign-in is not set up correctly on this server. The site's operator has been told in the server log.",
  EmailSignin: "The sign-in e-mail could not be sent. Try again in a minute.",
  OAuthSignin: "The sign-in provider could not be reached. Try again in a minute.",
  OAuthCallback: "The sign-in provider's answer could not be used. Try again.",
  OAuthCallbackError: "The sign-in provider's answer could not be used. Try again.",
  MissingCSRF: "Your sign-in form expired. Try again.",
};

export function signInErrorMessage(code: string | undefined): string | undefined {
  if (!code) return undefined;
  return messages[code] ?? "Sign-in did not work. Try again.";
}
