"use client";

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
