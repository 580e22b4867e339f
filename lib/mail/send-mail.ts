import { createTransport, type Transporter } from "nodemailer";
import { env } from "@/env.js";
import { siteConfig } from "@/site.config";

export type Mail = {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers?: Record<string, string>;
};

let transport: Transporter | undefined;

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

/**
 * Sends one e-mail through EMAIL_SERVER (SMTP), or prints it to the server's output
 * when none is configured. Throws when the SMTP server refuses it.
 */
export async function sendMail(mail: Mail): Promise<void> {
  if (!env.EMAIL_SERVER) {
    printToConsole(mail);
    return;
  }
  transport ??= createTransport(env.EMAIL_SERVER);
  const result = await transport.sendMail({ from: mailFrom(), ...mail });
  const failed = [...(result.rejected ?? []), ...(result.pending ?? [])].filter(Boolean);
  if (failed.length) throw new Error(`The SMTP server did not accept the e-mail for ${failed.join(", ")}`);
}
