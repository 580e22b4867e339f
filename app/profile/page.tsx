import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { auth } from "@/auth";
import { DisplayNameForm } from "@/components/auth/display-name-form";
import { NotificationPreferences } from "@/components/profile/notification-preferences";
import { ProfileDeltas } from "@/components/profile/profile-deltas";
import { YourData } from "@/components/profile/your-data";
import { getReaderDeltas } from "@/db/queries/deltas";
import { getOwnEmailById, getUserNotifyById, getUserProfileById } from "@/db/queries/users";

export const metadata: Metadata = { title: "Your profile", robots: { index: false } };

export default async function ProfilePage() {
  const session = await auth();
  const userId = session?.user?.id;
  if (!userId) redirect("/sign-in?callbackUrl=/profile");
  const [profile, notify, email, deltas] = await Promise.all([
    getUserProfileById({ id: userId }),
    getUserNotifyById({ id: userId }),
    getOwnEmailById({ id: userId }),
    getReaderDeltas({ userId }),
  ]);
  if (!profile) redirect("/sign-in?callbackUrl=/profile");

  return (
    <div className="narrow">
      <h1 className="page-title">Your profile</h1>
      <p className="page-intro">
        Signed in{email ? <> as {email} (only you see this address)</> : null}.
      </p>
      <section aria-labelledby="name-title">
        <h2 id="name-title" className="section-title">
          Your name
        </h2>
        <DisplayNameForm current={profile.displayName} />
      </section>
      <section aria-labelledby="notify-title">
        <h2 id="notify-title" className="section-title">
          E-mail about conversations
        </h2>
        <NotificationPreferences current={notify ?? "replies"} />
      </section>
      <ProfileDeltas given={deltas.given} received={deltas.received} />
      <YourData />
      <section aria-labelledby="session-title">
        <h2 id="session-title" className="section-title">
          Session
        </h2>
        <form method="post" action="/sign-out">
          <button type="submit" className="button button-secondary">
            Sign out
          </button>
        </form>
      </section>
    </div>
  );
}
