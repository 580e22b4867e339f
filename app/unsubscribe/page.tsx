import type { Metadata } from "next";
import { getUserNotifyById } from "@/db/queries/users";
import { verifyUnsubscribeToken } from "@/lib/notifications/unsubscribe-token";
import { confirmUnsubscribe } from "./actions";

export const metadata: Metadata = { title: "Stop e-mail about conversations", robots: { index: false } };

type Props = { searchParams: Promise<{ token?: string | string[] }> };

// Opening this page (what a mail scanner does with every link) changes nothing: only the button does.
export default async function UnsubscribePage({ searchParams }: Props) {
  const { token } = await searchParams;
  const value = typeof token === "string" ? token : "";
  const claims = value ? verifyUnsubscribeToken({ token: value }) : null;

  if (!claims) {
    return (
      <div className="narrow">
        <h1 className="page-title">This link does not work</h1>
        <p>
          This unsubscribe link is not valid: it may have been cut short when it was copied. Open it again from the e-mail,
          or choose which e-mails you get on <a href="/profile">your profile</a>.
        </p>
      </div>
    );
  }

  const notify = await getUserNotifyById({ id: claims.userId });
  if (notify === undefined || notify === "never") {
    return (
      <div className="narrow">
        <h1 className="page-title">E-mail stopped</h1>
        <p role="status">
          You will get no more e-mail about conversations. Change this on <a href="/profile">your profile</a>.
        </p>
      </div>
    );
  }

  return (
    <div className="narrow">
      <h1 className="page-title">Stop e-mail about conversations?</h1>
      <p>You will no longer get e-mail when someone replies to you or comments in a conversation you joined.</p>
      <form action={confirmUnsubscribe} className="stack-form">
        <input type="hidden" name="token" value={value} />
        <button type="submit" className="button">
          Stop these e-mails
        </button>
      </form>
      <p className="hint">
        Or choose which e-mails you get on <a href="/profile">your profile</a>.
      </p>
    </div>
  );
}
