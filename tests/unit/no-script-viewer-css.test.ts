import { describe, expect, it } from "vitest";
import { cssString, noScriptViewerCss } from "@/lib/auth/no-script-viewer-css";

describe("the stylesheet that names the reader to a browser without JavaScript", () => {
  it("writes a name no reader can break out of", () => {
    const hostile = `Eve"; } body { display: none } .x::before { content: "\\</style><script>`;
    const literal = cssString(hostile);
    // Inside the quotes only letters, digits, spaces and hex escapes: no quote, brace, semicolon or angle bracket.
    expect(literal.slice(1, -1)).toMatch(/^[A-Za-z0-9 \\]*$/);
    expect(literal).toBe(`"Eve\\22 \\3b  \\7d  body \\7b  display\\3a  none \\7d  \\2e x\\3a \\3a before \\7b  content\\3a  \\22 \\5c \\3c \\2f style\\3e \\3c script\\3e "`);
  });

  it("escapes characters beyond the Basic Multilingual Plane as one code point", () => {
    expect(cssString("Zoë 👍")).toBe(`"Zo\\eb  \\1f44d "`);
  });

  it("shows the account and the reader's own links only when signed in", () => {
    expect(noScriptViewerCss(undefined)).not.toContain("{");
    const css = noScriptViewerCss({ id: "u-1", name: "ada" });
    expect(css).toContain(".nojs-signed-out { display: none !important; }");
    expect(css).toContain(`.nojs-account-name::before { content: "ada"; }`);
    expect(css).toContain(`.nojs-avatar::before { content: "A"; }`);
    expect(css).toContain(`.nojs-own[data-author="u\\2d 1"] { display: contents; }`);
  });
});
