import { createTransport } from "nodemailer";
import { env } from "@/env.js";
import { siteConfig } from "@/site.config";

export type Mail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  /** Extra headers passed through as they are (List-Unsubscribe, Auto-Submitted, …). */
  headers?: Record<string, string>;
};

/** Sends one e-mail or throws; what sendMail is, and what the outbox sender takes as a parameter. */
export type SendMail = (mail: Mail) => Promise<void>;

/** The From address: EMAIL_FROM, else the site's name at a no-reply address of SITE_URL's host. */
export function mailFrom(): string {
  return env.EMAIL_FROM ?? `${siteConfig.title} <no-reply@${new URL(env.SITE_URL).hostname}>`;
}

/** True when no SMTP server is configured and mail is printed instead (a fresh clone). */
export function usesConsoleMailbox(): boolean {
  return !env.EMAIL_SERVER;
}

function printToConsole(mail: Mail) {
  const rule = "─".repeat(72);
  console.log(
    [
      "",
      `┌${rule}`,
      "│ CONSOLE MAILBOX — EMAIL_SERVER is not set, so this e-mail was printed here instead of sent.",
      `│ To:      ${mail.to}`,
      `│ Subject: ${mail.subject}`,
      "│",
      ...mail.text.split("\n").map((line) => `│ ${line}`),
      `└${rule}`,
      "",
    ].join("\n"),
  );
}

export type MailSenderOptions = {
  /** An SMTP URL (smtp://user:pass@host:587); undefined prints to the console mailbox. */
  server: string | undefined;
  /**
   * Bounds on a stuck server, in milliseconds (connect, greeting, and idle socket). Unset keeps
   * nodemailer's defaults (the socket may idle for an hour). The outbox sets them so that a send
   * ends well within the time it holds a message (docs/decisions/012-notifications-outbox.md).
   */
  timeoutMs?: number;
};

/** A sendMail bound to one server: the app's own (below) or, in tests, a real SMTP server on loopback. */
export function createMailSender({ server, timeoutMs }: MailSenderOptions): SendMail {
  if (!server) {
    return async (mail) => printToConsole(mail);
  }
  const transport = createTransport(timeoutMs === undefined ? server : withTimeouts(server, timeoutMs));
  return async (mail) => {
    const result = await transport.sendMail({ from: mailFrom(), ...mail });
    const failed = [...(result.rejected ?? []), ...(result.pending ?? [])].filter(Boolean);
    if (failed.length) throw new Error(`The SMTP server did not accept the e-mail for ${failed.join(", ")}`);
  };
}

// nodemailer reads options from the URL's query and ignores other options given beside a URL,
// so the bounds go into the query; values the operator put there win.
function withTimeouts(server: string, timeoutMs: number): string {
  const url = new URL(server);
  for (const name of ["connectionTimeout", "greetingTimeout", "socketTimeout"]) {
    if (!url.searchParams.has(name)) url.searchParams.set(name, String(timeoutMs));
  }
  return url.toString();
}

let defaultSender: SendMail | undefined;

/**
 * Sends one e-mail through EMAIL_SERVER (SMTP), or prints it to the server's output
 * when none is configured. Throws when the SMTP server refuses it.
 */
export async function sendMail(mail: Mail): Promise<void> {
  defaultSender ??= createMailSender({ server: env.EMAIL_SERVER });
  return defaultSender(mail);
}
