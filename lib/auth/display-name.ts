import { z } from "zod";

// The one rule for the name other readers see (issue #11: it was written in four places, the
// session's differently). Every query, the session and the header go through publicName or
// authorName; none of them reads the e-mail address (docs/decisions/030-choosing-a-public-name.md).

/** Shown for a comment whose author has no account and no stored name. */
export const FORMER_READER_NAME = "a former reader";
/** Shown for a reader with neither a chosen name nor a provider's name (until they choose one). */
export const NAMELESS_READER = "Reader";

/** A display name as readers see it beside comments: 1–50 characters after trimming, no control characters. */
export const displayNameSchema = z
  .string({ message: "Enter a name." })
  .transform((value) => value.replace(/\s+/g, " ").trim())
  .pipe(
    z
      .string()
      .min(1, { message: "Enter a name of 1 to 50 characters." })
      .max(50, { message: "Use 50 characters or fewer." })
      .refine((value) => !/[\p{Cc}\p{Cf}]/u.test(value), { message: "Use letters, digits and punctuation only." }),
  );

/**
 * The provider's name (users.name), if it is fit to show: some issuers put the e-mail address
 * in `name` or `preferred_username`, and an address is never shown. Also the prefill of the
 * name form at the first sign-in.
 */
export function providerName(name: string | null | undefined): string | undefined {
  const trimmed = name?.replace(/\s+/g, " ").trim();
  return trimmed && !trimmed.includes("@") ? trimmed : undefined;
}

/** A reader's public name: the one they chose, else the provider's, else "Reader". Never the e-mail. */
export function publicName(user: { displayName: string | null; name: string | null }): string {
  return user.displayName?.trim() || providerName(user.name) || NAMELESS_READER;
}

/**
 * The name shown for a comment's author: the user's public name while the account exists, else
 * the name stored with the comment (imports), else FORMER_READER_NAME.
 */
export function authorName(row: {
  authorId: string | null;
  storedAuthorName: string | null;
  userDisplayName: string | null;
  userName: string | null;
}): string {
  if (row.authorId !== null) return publicName({ displayName: row.userDisplayName, name: row.userName });
  return row.storedAuthorName?.trim() || FORMER_READER_NAME;
}

/** The page where a signed-in reader sees and accepts their public name, then goes back to `returnTo`. */
export function nameChoiceHref(returnTo: string): string {
  return `/account/name?callbackUrl=${encodeURIComponent(returnTo)}`;
}
