"use client";

import type { CSSProperties } from "react";
import { avatarColours } from "./avatar-colour";

/**
 * A reader's picture, or their initial on a colour of their own: chosen from their user id
 * (decision 032), so it is the same on every page and never hints at the e-mail address.
 */
export function Avatar({ name, image, userId, size = 28 }: { name: string; image: string | null; userId: string | null; size?: number }) {
  if (image) {
    // Avatars come from any provider's host; next/image would need each host listed.
    // eslint-disable-next-line @next/next/no-img-element
    return <img src={image} alt="" width={size} height={size} className="avatar" referrerPolicy="no-referrer" loading="lazy" />;
  }
  const colours = avatarColours(userId);
  // The theme picks between the two (light-dark() in globals.css follows color-scheme).
  const style = {
    width: size,
    height: size,
    "--avatar-light": colours.light.background,
    "--avatar-dark": colours.dark.background,
  } as CSSProperties;
  return (
    <span className="avatar avatar-initial" aria-hidden="true" style={style}>
      {name.slice(0, 1).toUpperCase()}
    </span>
  );
}
