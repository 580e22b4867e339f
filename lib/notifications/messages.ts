import { commentPermalink } from "@/lib/comments/permalink";
import type { Mail } from "@/lib/mail/send-mail";

// The e-mails about conversations, as pure functions of what they say (no env, no database),
// so tests read exactly what a reader receives. Every part names people by display name only.

export type SiteInfo = { url: string; title: string };
export type EssayInfo = { title: string; path: string };
export type CommentInfo = {
  id: number;
  authorName: string;
  /** Markdown as written: the plain-text part. */
  body: string;
  /** Sanitized when stored (lib/comments/render-markdown.ts): placed in the HTML part as it is. */
  bodyHtml: string;
};

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c] ?? c);

/** For subjects: names come from readers and OAuth providers, so no line breaks or control characters. */
function oneLine(value: string, max = 80): string {
  const line = value.replace(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]+/gu, " ").replace(/\s+/g, " ").trim();
  return line.length > max ? `${line.slice(0, max - 1)}…` : line;
}

/** The comment's lasting address: it finds the comment's page of the thread when the mail is read. */
export const commentUrl = ({ site, commentId }: { site: SiteInfo; commentId: number }) => `${site.url}${commentPermalink(commentId)}`;

/** RFC 3834: mark the mail as automatic, so auto-responders do not answer it. */
const AUTOMATIC = { "Auto-Submitted": "auto-generated" };

function page({ intro, comment, links, footer }: { intro: string; comment: CommentInfo; links: { href: string; label: string }[]; footer: string }): string {
  const buttons = links
    .map(
      (link, index) =>
        `<a href="${escapeHtml(link.href)}" style="display:inline-block;margin:0 8px 8px 0;padding:8px 16px;border-radius:4px;text-decoration:none;${
          index === 0 ? "background:#8a2c1c;color:#ffffff" : "border:1px solid #8a2c1c;color:#8a2c1c"
        }">${escapeHtml(link.label)}</a>`,
    )
    .join("");
  return `<!doctype html><html><body style="font-family: Georgia, serif; color: #1d1b18; line-height: 1.5; max-width: 40rem">
<p>${intro}</p>
<div style="margin:1rem 0;padding:0.25rem 1rem;border-left:3px solid #8a2c1c;background:#f6f1e9">${comment.bodyHtml}</div>
<p>${buttons}</p>
<p style="color:#5b554c;font-size:14px">${footer}</p>
</body></html>`;
}

/**
 * "X replied to your comment" (reason "reply") or "New comment in a conversation you joined"
 * (reason "thread"), with the reply, a link to it in its thread, and a one-click unsubscribe
 * (RFC 8058 headers for mail clients, a visible link to a confirmation page for people).
 */
export function replyNotificationMail({
  to,
  reason,
  reply,
  essay,
  unsubscribeToken,
  site,
}: {
  to: string;
  reason: "reply" | "thread";
  reply: CommentInfo;
  essay: EssayInfo;
  unsubscribeToken: string;
  site: SiteInfo;
}): Mail {
  const link = commentUrl({ site, commentId: reply.id });
  const token = encodeURIComponent(unsubscribeToken);
  const unsubscribePage = `${site.url}/unsubscribe?token=${token}`;
  const profile = `${site.url}/profile`;
  const name = oneLine(reply.authorName, 60);
  const title = oneLine(essay.title);
  const subject = reason === "reply" ? `${name} replied to your comment on “${title}”` : `New comment in a conversation you joined: “${title}”`;
  const said = reason === "reply" ? "replied to your comment on" : "commented in a conversation you joined on";
  const why =
    reason === "reply"
      ? "You get this e-mail because someone replied to your comment."
      : "You get this e-mail because you chose to hear about new comments in conversations you joined.";

  const text = [
    `${reply.authorName} ${said} “${essay.title}”:`,
    "",
    reply.body,
    "",
    `Read it in its thread: ${link}`,
    "",
    "—",
    why,
    `Stop these e-mails: ${unsubscribePage}`,
    `Choose which e-mails you get: ${profile}`,
  ].join("\n");
  const html = page({
    intro: `<strong>${escapeHtml(reply.authorName)}</strong> ${said} “${escapeHtml(essay.title)}”:`,
    comment: reply,
    links: [{ href: link, label: "Read it in its thread" }],
    footer: `${escapeHtml(why)} <a href="${escapeHtml(unsubscribePage)}" style="color:#5b554c">Stop these e-mails</a> or <a href="${escapeHtml(profile)}" style="color:#5b554c">choose which e-mails you get</a>.`,
  });
  return {
    to,
    subject,
    text,
    html,
    headers: {
      ...AUTOMATIC,
      "List-Unsubscribe": `<${site.url}/api/unsubscribe?token=${token}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}

/**
 * "Ada says your comment changed her mind" (issue 14): the Δ's explanation, quoted as plain text
 * (it is never Markdown), a link to the comment, and the same one-click unsubscribe as replies.
 */
export function deltaNotificationMail({
  to,
  giverName,
  explanation,
  commentId,
  essay,
  unsubscribeToken,
  site,
}: {
  to: string;
  giverName: string;
  explanation: string;
  commentId: number;
  essay: EssayInfo;
  unsubscribeToken: string;
  site: SiteInfo;
}): Mail {
  const link = commentUrl({ site, commentId });
  const token = encodeURIComponent(unsubscribeToken);
  const unsubscribePage = `${site.url}/unsubscribe?token=${token}`;
  const profile = `${site.url}/profile`;
  const name = oneLine(giverName, 60);
  const subject = `Δ ${name} says your comment on “${oneLine(essay.title)}” changed their mind`;
  const why = "You get this e-mail because a reader awarded a Δ to your comment.";
  const text = [
    `${giverName} awarded a Δ to your comment on “${essay.title}”. What changed their mind:`,
    "",
    explanation,
    "",
    `See it on your comment: ${link}`,
    "",
    "—",
    why,
    `Stop these e-mails: ${unsubscribePage}`,
    `Choose which e-mails you get: ${profile}`,
  ].join("\n");
  const quoted = escapeHtml(explanation).replace(/\n/g, "<br>");
  const html = page({
    intro: `<strong>${escapeHtml(giverName)}</strong> awarded a Δ to your comment on “${escapeHtml(essay.title)}”. What changed their mind:`,
    comment: { id: commentId, authorName: giverName, body: explanation, bodyHtml: `<p>${quoted}</p>` },
    links: [{ href: link, label: "See it on your comment" }],
    footer: `${escapeHtml(why)} <a href="${escapeHtml(unsubscribePage)}" style="color:#5b554c">Stop these e-mails</a> or <a href="${escapeHtml(profile)}" style="color:#5b554c">choose which e-mails you get</a>.`,
  });
  return {
    to,
    subject,
    text,
    html,
    headers: {
      ...AUTOMATIC,
      "List-Unsubscribe": `<${site.url}/api/unsubscribe?token=${token}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    },
  };
}

/**
 * To a moderator: a new report on a comment, or a comment waiting for approval. Moderators
 * are chosen by ADMIN_EMAILS, not by their notify setting, so there is no unsubscribe link.
 */
export function moderatorNotificationMail({
  to,
  kind,
  comment,
  essay,
  reason,
  site,
}: {
  to: string;
  kind: "report" | "pending";
  comment: CommentInfo;
  essay: EssayInfo;
  reason?: string;
  site: SiteInfo;
}): Mail {
  const admin = `${site.url}/admin`;
  const title = oneLine(essay.title);
  const subject = kind === "report" ? `Comment reported on “${title}”` : `Comment waiting for approval on “${title}”`;
  const what =
    kind === "report"
      ? `A reader reported this comment by ${comment.authorName} on “${essay.title}”.`
      : `This comment by ${comment.authorName} on “${essay.title}” waits for approval.`;
  const because = kind === "report" && reason?.trim() ? `Reason given: ${reason.trim()}` : undefined;
  // A waiting comment is not in its thread yet; only the moderation page shows it.
  const links =
    kind === "report"
      ? [
          { href: admin, label: "Open moderation" },
          { href: commentUrl({ site, commentId: comment.id }), label: "See it in its thread" },
        ]
      : [{ href: admin, label: "Open moderation" }];
  const footer = "You get this e-mail because your address is in ADMIN_EMAILS on this site.";

  const text = [
    what,
    ...(because ? [because] : []),
    "",
    comment.body,
    "",
    ...links.map((link) => `${link.label}: ${link.href}`),
    "",
    "—",
    footer,
  ].join("\n");
  const html = page({
    intro: [escapeHtml(what), ...(because ? [escapeHtml(because)] : [])].join("<br>"),
    comment,
    links,
    footer: escapeHtml(footer),
  });
  return { to, subject, text, html, headers: { ...AUTOMATIC } };
}
