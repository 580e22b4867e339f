import { describe, expect, it } from "vitest";
import { moderatorNotificationMail, replyNotificationMail } from "@/lib/notifications/messages";

const site = { url: "https://essays.example.org", title: "Social Memory Complex" };
const essay = { title: "Because <Killing> Them All & More", path: "/leftlibertarian/08/23/because-killing" };
const reply = {
  id: 42,
  authorName: `Ada "<b>bold</b>" O'Brien`,
  body: "I **disagree**, see <https://example.org/a?b=1&c=2>.",
  bodyHtml: '<p>I <strong>disagree</strong>, see <a href="https://example.org/a?b=1&#x26;c=2" rel="nofollow ugc noopener">https://example.org/a?b=1&#x26;c=2</a>.</p>',
};
const token = "eyJ1c2VySWQiOiJ1MSJ9.c2lnbmF0dXJl";

describe("reply notification e-mail", () => {
  const mail = replyNotificationMail({ to: "reader@example.org", reason: "reply", reply, essay, unsubscribeToken: token, site });

  it("says who replied, on which essay, with a link to the reply in its thread", () => {
    expect(mail.to).toBe("reader@example.org");
    expect(mail.subject).toBe(`Ada "<b>bold</b>" O'Brien replied to your comment on “Because <Killing> Them All & More”`);
    expect(mail.text).toContain(`Ada "<b>bold</b>" O'Brien replied to your comment on “Because <Killing> Them All & More”:`);
    expect(mail.text).toContain("Read it in its thread: https://essays.example.org/comments/42");
    expect(mail.html).toContain('href="https://essays.example.org/comments/42"');
  });

  it("carries the reply as its Markdown in the text part and its sanitized HTML in the HTML part", () => {
    expect(mail.text).toContain(reply.body);
    expect(mail.text).not.toContain("<strong>");
    expect(mail.html).toContain(reply.bodyHtml);
  });

  it("escapes the replier's name and the essay title in the HTML part", () => {
    expect(mail.html).toContain("<strong>Ada &quot;&lt;b&gt;bold&lt;/b&gt;&quot; O&#39;Brien</strong>");
    expect(mail.html).toContain("Because &lt;Killing&gt; Them All &amp; More");
    expect(mail.html).not.toContain("<b>bold</b>");
    expect(mail.html).not.toContain("<Killing>");
  });

  it("offers one-click unsubscribe (RFC 8058) and a visible link to the confirmation page in both parts", () => {
    expect(mail.headers).toEqual({
      "Auto-Submitted": "auto-generated",
      "List-Unsubscribe": `<https://essays.example.org/api/unsubscribe?token=${token}>`,
      "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    });
    expect(mail.text).toContain(`Stop these e-mails: https://essays.example.org/unsubscribe?token=${token}`);
    expect(mail.html).toContain(`href="https://essays.example.org/unsubscribe?token=${token}"`);
    expect(mail.text).toContain("https://essays.example.org/profile");
  });

  it("words a new comment in a joined conversation differently", () => {
    const thread = replyNotificationMail({ to: "reader@example.org", reason: "thread", reply, essay, unsubscribeToken: token, site });
    expect(thread.subject).toBe("New comment in a conversation you joined: “Because <Killing> Them All & More”");
    expect(thread.text).toContain("commented in a conversation you joined on");
    expect(thread.text).toContain("you chose to hear about new comments");
  });

  it("keeps subjects on one line whatever a name holds", () => {
    const sneaky = replyNotificationMail({
      to: "reader@example.org",
      reason: "reply",
      reply: { ...reply, authorName: "Eve\r\nBcc: victim@example.org\u202e" },
      essay: { ...essay, title: "Line\none" },
      unsubscribeToken: token,
      site,
    });
    expect(sneaky.subject).not.toMatch(/[\r\n\u202e]/);
    expect(sneaky.subject).toBe("Eve Bcc: victim@example.org replied to your comment on “Line one”");
  });
});

describe("moderator e-mail", () => {
  it("reports a comment with the reason, links to moderation and the thread, and has no unsubscribe", () => {
    const mail = moderatorNotificationMail({
      to: "mod@example.org",
      kind: "report",
      comment: reply,
      essay,
      reason: "Spam <script>",
      site,
    });
    expect(mail.subject).toBe("Comment reported on “Because <Killing> Them All & More”");
    expect(mail.text).toContain("Reason given: Spam <script>");
    expect(mail.html).toContain("Reason given: Spam &lt;script&gt;");
    expect(mail.text).toContain("Open moderation: https://essays.example.org/admin");
    expect(mail.text).toContain("https://essays.example.org/comments/42");
    expect(mail.html).toContain(reply.bodyHtml);
    expect(mail.headers).toEqual({ "Auto-Submitted": "auto-generated" });
  });

  it("announces a comment waiting for approval without linking to a thread that does not show it", () => {
    const mail = moderatorNotificationMail({ to: "mod@example.org", kind: "pending", comment: reply, essay, site });
    expect(mail.subject).toBe("Comment waiting for approval on “Because <Killing> Them All & More”");
    expect(mail.text).toContain("waits for approval");
    expect(mail.text).toContain(reply.body);
    expect(mail.text).not.toContain("/comments/42");
  });
});
