/** Sign-in e-mails are limited per address (SIGN_IN_EMAILS_PER_HOUR) over this window. */
export const SIGN_IN_EMAIL_BUCKET = "sign-in-email";
export const SIGN_IN_EMAIL_WINDOW_MS = 60 * 60 * 1000;
