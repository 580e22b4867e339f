import type { OidcUser } from "../../support/oidc-server";

/** The one moderator of the end-to-end site: ADMIN_EMAILS names this address. Always the same account. */
export const MODERATOR: OidcUser = { sub: "moderator", email: "moderator@example.org", name: "Mod Erator" };
