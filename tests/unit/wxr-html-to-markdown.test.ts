// WordPress comment HTML → comment Markdown (lib/wxr/html-to-markdown.ts), checked through the
// comment renderer: what an imported comment finally shows.
import { describe, expect, it } from "vitest";
import { renderCommentMarkdown } from "@/lib/comments/render-markdown";
import { wordpressHtmlToMarkdown } from "@/lib/wxr/html-to-markdown";

const shown = (html: string) => renderCommentMarkdown(wordpressHtmlToMarkdown(html));

describe("wordpressHtmlToMarkdown", () => {
  it("keeps paragraphs and line breaks the way WordPress showed them (wpautop)", () => {
    expect(wordpressHtmlToMarkdown("One.\n\nTwo,\nstill two.")).toBe("One.\n\nTwo,\\\nstill two.");
    expect(shown("One.\n\nTwo,\nstill two.")).toBe("<p>One.</p>\n<p>Two,<br>\nstill two.</p>");
    expect(wordpressHtmlToMarkdown("<p>One</p>\n<p>Two<br/>three<br><br />four</p>")).toBe("One\n\nTwo\\\nthree\n\nfour");
  });

  it("keeps emphasis, strong, code and links, with the renderer's rel", () => {
    expect(wordpressHtmlToMarkdown("a <em>b</em> <i>c</i> <strong>d</strong> <b> e </b> <code>x * y</code>")).toBe("a *b* *c* **d** **e** `x * y`");
    expect(shown('see <a href="https://example.org/a_b?x=1&amp;y=2" title="t">this</a>')).toBe(
      '<p>see <a href="https://example.org/a_b?x=1&#x26;y=2" rel="nofollow ugc noopener">this</a></p>',
    );
    expect(shown("<blockquote>Quoted\nwords</blockquote>Answer")).toBe("<blockquote>\n<p>Quoted<br>\nwords</p>\n</blockquote>\n<p>Answer</p>");
    expect(shown("<ul><li>one<li>two</ul>")).toBe("<ul>\n<li>one</li>\n<li>two</li>\n</ul>");
  });

  it("leaves text as text: Markdown syntax a WordPress reader typed is escaped", () => {
    const typed = "*stars* _under_ [brackets] `ticks` 1 < 2 > 0 \\ back\n- not a list\n1. not a list either\n> not a quote";
    expect(shown(typed)).toBe(
      "<p>*stars* _under_ [brackets] `ticks` 1 &#x3C; 2 > 0 \\ back<br>\n- not a list<br>\n1. not a list either<br>\n> not a quote</p>",
    );
  });

  it("keeps web addresses whole so they still become links", () => {
    expect(shown("see http://en.wikipedia.org/wiki/Whiskey_Rebellion now")).toBe(
      '<p>see <a href="http://en.wikipedia.org/wiki/Whiskey_Rebellion" rel="nofollow ugc noopener">http://en.wikipedia.org/wiki/Whiskey_Rebellion</a> now</p>',
    );
  });

  it("decodes character references once (&amp;lt; stays a visible &lt;)", () => {
    expect(shown("caf&eacute; &#8217; &#x2014; &amp; &amp;lt;b&amp;gt; &hellip;")).toBe("<p>café ’ — &#x26; &#x26;lt;b&#x26;gt; …</p>");
  });

  it("drops scripts, styles, images and unsafe links; keeps their readable text", () => {
    expect(wordpressHtmlToMarkdown('<script>alert(1)</script><style>p{}</style>Hi <img src=x onerror="alert(1)"> <a href="javascript:alert(1)">there</a>')).toBe(
      "Hi there",
    );
    expect(shown('<span style="color:red" onclick="x()">plain</span> <font>old</font> <!-- note -->')).toBe("<p>plain old</p>");
    expect(wordpressHtmlToMarkdown("<script>")).toBe("");
    expect(wordpressHtmlToMarkdown("   <p> </p> ")).toBe("");
  });

  it("survives unclosed and stray tags and absurd nesting", () => {
    expect(wordpressHtmlToMarkdown("<em>open <strong>both")).toBe("*open **both***");
    expect(shown("<em>open <strong>both")).toBe("<p><em>open <strong>both</strong></em></p>");
    expect(wordpressHtmlToMarkdown("stray</em> close</p>")).toBe("stray close");
    const deep = "<em>".repeat(10_000) + "deep" + "</em>".repeat(10_000);
    expect(wordpressHtmlToMarkdown(deep)).toContain("deep");
    // Below the parser's stack limit: nested emphasis is one emphasis, and nesting past 64 levels keeps its words.
    const nested = "<em>".repeat(1_000) + "kept" + "</em>".repeat(1_000) + " <strong>after</strong>";
    expect(shown(nested)).toBe("<p><em>kept</em> <strong>after</strong></p>");
  });

  it("writes what the comment subset cannot show as paragraphs and text", () => {
    expect(shown("<h2>Heading</h2><table><tr><th>a</th><td>b</td></tr><tr><td>c</td></tr></table><hr><del>gone</del> <u>under</u>")).toBe(
      "<p>Heading</p>\n<p>a b</p>\n<p>c</p>\n<p>gone under</p>",
    );
    expect(shown('<q>quoted</q> <a href="https://a.example/"><a href="https://b.example/">inner</a></a>')).toBe(
      '<p>“quoted” <a href="https://b.example/" rel="nofollow ugc noopener">inner</a></p>',
    );
    expect(shown("<ol start=\"3\"><li>three<li><p>four</p><p>more</p></ol><li>stray item")).toBe(
      // An item of two paragraphs makes the list loose, as CommonMark reads it.
      '<ol start="3">\n<li>\n<p>three</p>\n</li>\n<li>\n<p>four</p>\n<p>more</p>\n</li>\n</ol>\n<p>stray item</p>',
    );
  });

  it("keeps preformatted code verbatim in a fence longer than any run of backticks inside", () => {
    expect(wordpressHtmlToMarkdown("<pre>a\n  b &lt;c&gt;\n```</pre>")).toBe("````\na\n  b <c>\n```\n````");
  });
});
