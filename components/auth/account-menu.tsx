"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef, type KeyboardEvent } from "react";
import { useViewer } from "../viewer-context";
import { Avatar } from "./account-link";
import { NoScriptAccountMenu } from "./no-script-account";

/**
 * The header's account corner: "Sign in", or the reader's avatar and name opening a menu with
 * their profile and Sign out. A <details> disclosure, so it opens with Enter or Space and without
 * script; Sign out is a plain form POST (app/sign-out/route.ts). Without JavaScript the page
 * carries a hidden copy of the menu that a per-reader stylesheet reveals (decision 033).
 */
export function AccountMenu() {
  const pathname = usePathname() ?? "/";
  const { viewer } = useViewer();
  const menu = useRef<HTMLDetailsElement>(null);

  // A menu left open would stay open over the next page: the header survives navigation.
  useEffect(() => {
    if (menu.current) menu.current.open = false;
  }, [pathname]);

  // A click anywhere else closes it, as readers expect of a menu.
  useEffect(() => {
    const closeOutside = (event: PointerEvent) => {
      const details = menu.current;
      if (details?.open && !details.contains(event.target as Node)) details.open = false;
    };
    document.addEventListener("pointerdown", closeOutside);
    return () => document.removeEventListener("pointerdown", closeOutside);
  }, []);

  if (!viewer.signedIn) {
    const back = pathname.startsWith("/sign-in") ? "/" : pathname;
    return (
      <>
        <a href={`/sign-in?callbackUrl=${encodeURIComponent(back)}`} className="nojs-signed-out">
          Sign in
        </a>
        <noscript>
          <NoScriptAccountMenu returnTo={pathname} />
        </noscript>
      </>
    );
  }

  // Escape closes the menu and puts focus back on its button (the disclosure pattern).
  const closeOnEscape = (event: KeyboardEvent<HTMLDetailsElement>) => {
    const details = menu.current;
    if (event.key !== "Escape" || !details?.open) return;
    details.open = false;
    details.querySelector("summary")?.focus();
  };

  return (
    <details className="account-menu" ref={menu} onKeyDown={closeOnEscape}>
      <summary className="account-summary">
        <Avatar name={viewer.name} image={viewer.image} userId={viewer.id} />
        <span className="account-name">{viewer.name}</span>
        <span className="visually-hidden"> (account menu)</span>
      </summary>
      <ul className="account-menu-items">
        <li>
          <a href="/profile">Your profile</a>
        </li>
        <li>
          <form method="post" action="/sign-out">
            <input type="hidden" name="returnTo" value={pathname} />
            <button type="submit" className="account-menu-button">
              Sign out
            </button>
          </form>
        </li>
      </ul>
    </details>
  );
}
