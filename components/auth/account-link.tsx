"use client";

import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useState } from "react";

type Me = { signedIn: false } | { signedIn: true; name: string; image: string | null };

/**
 * The header's account corner. Pages are the same static HTML for everyone, so the
 * browser asks who is signed in; without JavaScript it stays a "Sign in" link.
 */
export function AccountLink() {
  const pathname = usePathname() ?? "/";
  const [me, setMe] = useState<Me>({ signedIn: false });

  useEffect(() => {
    const controller = new AbortController();
    fetch("/api/me", { cache: "no-store", signal: controller.signal })
      .then((response) => (response.ok ? (response.json() as Promise<Me>) : { signedIn: false as const }))
      .then(setMe)
      .catch(() => undefined);
    return () => controller.abort();
  }, [pathname]);

  if (!me.signedIn) {
    const back = pathname.startsWith("/sign-in") ? "/" : pathname;
    return <Link href={`/sign-in?callbackUrl=${encodeURIComponent(back)}`}>Sign in</Link>;
  }
  return (
    <Link href="/profile" className="account-link" aria-label={`Your profile (${me.name})`}>
      {me.image ? (
        // Avatars come from any provider's host; next/image would need each host listed.
        // eslint-disable-next-line @next/next/no-img-element
        <img src={me.image} alt="" width={28} height={28} className="avatar" referrerPolicy="no-referrer" />
      ) : (
        <span className="avatar avatar-initial" aria-hidden="true">
          {me.name.slice(0, 1).toUpperCase()}
        </span>
      )}
      <span className="account-name">{me.name}</span>
    </Link>
  );
}
