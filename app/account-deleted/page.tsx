import type { Metadata } from "next";

export const metadata: Metadata = { title: "Account deleted", robots: { index: false } };

/** Where a reader lands after deleting their account (the home page is static and cannot say it). */
export default function AccountDeletedPage() {
  return (
    <div className="narrow">
      <h1 className="page-title">Your account is deleted</h1>
      <p>
        Your name, e-mail address, avatar and sessions are gone from this site. If you chose to keep your comments,
        they now read “a former reader”; if you chose to delete them, their text is gone and any replies stay under a
        “[deleted]” marker.
      </p>
      <p>
        <a href="/">Back to the essays</a>
      </p>
    </div>
  );
}
