import type { Metadata } from "next";
import { usesConsoleMailbox } from "@/lib/mail/send-mail";

export const metadata: Metadata = { title: "Check your e-mail", robots: { index: false } };

// EMAIL_SERVER is read when the page is served, not baked in at build time.
export const dynamic = "force-dynamic";

export default function CheckEmailPage() {
  return (
    <div className="narrow">
      <h1 className="page-title">Check your e-mail</h1>
      <p>We sent you a link that signs you in. It works once and expires in 24 hours.</p>
      {usesConsoleMailbox() && (
        <p className="notice">
          This server has no mail server configured (<code>EMAIL_SERVER</code>), so the link was printed in the output of
          the terminal running <code>npm start</code>, under “CONSOLE MAILBOX”.
        </p>
      )}
      <p className="hint">You can close this tab: the link opens the site signed in.</p>
    </div>
  );
}
