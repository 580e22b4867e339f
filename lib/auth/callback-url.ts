/**
 * Where to go after signing in: only a path on this site. Anything else (another
 * origin, a protocol-relative "//evil", a backslash trick) lands on the home page.
 */
export function safeCallbackPath(value: unknown): string {
  if (typeof value !== "string" || value === "") return "/";
  if (!value.startsWith("/") || value.startsWith("//") || value.includes("\\")) return "/";
  try {
    const url = new URL(value, "http://local.invalid");
    return url.origin === "http://local.invalid" ? `${url.pathname}${url.search}${url.hash}` : "/";
  } catch {
    return "/";
  }
}
