"use client";

import type { ReactNode } from "react";
import { useViewer } from "../viewer-context";

/**
 * Readers who are known to be signed out are asked to sign in before they type, so no
 * text is written in vain. Without JavaScript the form shows for everyone; posting it
 * signed out answers with a sign-in message and keeps the text.
 */
export function NewCommentGate({ children, signInHref }: { children: ReactNode; signInHref: string }) {
  const { viewer, loaded } = useViewer();
  if (loaded && !viewer.signedIn) {
    return (
      <p className="comment-sign-in">
        <a href={signInHref}>Sign in</a> to join the conversation. Other readers see only the name you choose.
      </p>
    );
  }
  return <>{children}</>;
}
