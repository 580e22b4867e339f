/** A tag's address segment: "Anarcho-Pluralism" and "anarcho pluralism" share /tags/anarcho-pluralism. */
export function slugifyTag(name: string): string {
  return (
    name
      .normalize("NFKD")
      .replace(/[\u0300-\u036f]/g, "")
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "tag"
  );
}
