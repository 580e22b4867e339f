"use client";

import { usePathname } from "next/navigation";
import { useViewer } from "../viewer-context";

/** The header's account corner; without JavaScript it stays a "Sign in" link. */
export function AccountLink() {
  const pathname = usePathname() ?? "/";
  const { viewer } = useViewer();

  if (!viewer.signedIn) {
    const back = pathname.startsWith("/sign-in") ? "/" : pathname;
    return <a href={`/sign-in?callbackUrl=${encodeURIComponent(back)}`}>Sign in</a>;
  }
  return (
    <a href="/profile" className="account-link" aria-label={`Your profile (${viewer.name})`}>
      <Avatar name={viewer.name} image={viewer.image} />
      <span className="account-name">{viewer.name}</span>
    </a>
  );
}

export function Avatar({ name, image, size = 28 }: { name: string; image: string | null; size?: number }) {
  if (image) {
    // Avatars come from any provider's host; next/image would need each host listed.
    // eslint-disable-next-line @next/next/no-img-element
    return <img src={image} alt="" width={size} height={size} className="avatar" referrerPolicy="no-referrer" loading="lazy" />;
  }
  return (
    <span className="avatar avatar-initial" aria-hidden="true" style={{ width: size, height: size }}>
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}
