// The stylesheet that tells a browser without JavaScript who is reading (decision 033). Pages
// are the same static HTML for everyone; what only a signed-in reader should see is in that
// HTML inside <noscript>, hidden (app/globals.css, "without JavaScript"), and this stylesheet,
// loaded from a <noscript> in the page's head, shows it for the reader it was asked for.

/** A CSS string literal: every character but letters, digits and spaces as an escape, so no value can end the string or the rule. */
export function cssString(value: string): string {
  let out = "";
  for (const character of value) {
    out += /^[A-Za-z0-9 ]$/.test(character) ? character : `\\${character.codePointAt(0)!.toString(16)} `;
  }
  return `"${out}"`;
}

export type NoScriptViewer = { id: string; name: string } | undefined;

export function noScriptViewerCss(viewer: NoScriptViewer): string {
  if (!viewer) return "/* Signed out: the static page is already right. */\n";
  const initial = [...viewer.name][0]?.toUpperCase() ?? "?";
  return [
    ".nojs-signed-out { display: none !important; }",
    ".nojs-account { display: block; }",
    `.nojs-account-name::before { content: ${cssString(viewer.name)}; }`,
    `.nojs-avatar::before { content: ${cssString(initial)}; }`,
    // The reader's own comments: their Edit and Delete links.
    `.nojs-own[data-author=${cssString(viewer.id)}] { display: contents; }`,
    // …and no vote buttons on them (decision 037).
    `.comment-votes[data-author=${cssString(viewer.id)}] .vote-forms { display: none; }`,
    "",
  ].join("\n");
}
