import { siteConfig } from "@/site.config";
import type { Mail } from "./send-mail";

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/** The magic-link e-mail: a plain-text part a person can read in any client, and a simple HTML part. */
export function signInEmail({ to, url, expiresInHours }: { to: string; url: string; expiresInHours: number }): Mail {
  const text = [
    `Sign in to ${siteConfig.title} with this link:`,
    "",
    url,
    "",
    `It works once and expires in ${expiresInHours} hours.`,
    "If you did not ask to sign in, ignore this e-mail: nothing happens without the link.",
  ].join("\n");
  const html = `<!doctype html><html><body style="font-family: Georgia, serif; color: #1d1b18; line-height: 1.5">
<p>Sign in to ${escapeHtml(siteConfig.title)}:</p>
<p><a href="${escapeHtml(url)}" style="display:inline-block;padding:10px 18px;background:#8a2c1c;color:#ffffff;text-decoration:none;border-radius:4px">Sign in</a></p>
<p style="color:#5b554c;font-size:14px">The link works once and expires in ${expiresInHours} hours. If you did not ask to sign in, ignore this e-mail.</p>
</body></html>`;
  return { to, subject: `Sign in to ${siteConfig.title}`, text, html };
}
