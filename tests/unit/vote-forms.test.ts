// The vote forms' server side without a browser: what a plain form or a script sends is read
// into one vote (lib/comments/validation.ts), where a plain form comes back to
// (lib/comments/vote-return.ts), and the stylesheet that shows a reader without JavaScript
// their own votes and private tallies (lib/comments/no-script-votes-css.ts).
import { describe, expect, it } from "vitest";
import { cssString } from "@/lib/auth/no-script-viewer-css";
import { noScriptVotesCss } from "@/lib/comments/no-script-votes-css";
import { parseVoteForm } from "@/lib/comments/validation";
import { voteReturnHref } from "@/lib/comments/vote-return";
import { NO_VOTES } from "@/lib/comments/viewer-vote-state";

const ESSAY = "/essays/01/02/an-essay";

/** What the thread page's one vote form sends when a comment's button is pressed. */
function plainForm(vote: string, extra: Record<string, string> = {}): FormData {
  const data = new FormData();
  for (const [name, value] of Object.entries({ essayPath: ESSAY, returnTo: ESSAY, vote, ...extra })) data.append(name, value);
  return data;
}

describe("a vote as a plain form sends it (one form per page, the button names the comment and the choice)", () => {
  it("reads each button as its axis and choice, pressed again to take it back", () => {
    expect(parseVoteForm(plainForm("42:up"))).toEqual({ ok: true, data: { commentId: 42, essayPath: ESSAY, axis: "value", value: "up", reason: null, toggle: true } });
    expect(parseVoteForm(plainForm("42:down:repetitive"))).toEqual({
      ok: true,
      data: { commentId: 42, essayPath: ESSAY, axis: "value", value: "down", reason: "repetitive", toggle: true },
    });
    expect(parseVoteForm(plainForm("42:disagree"))).toEqual({ ok: true, data: { commentId: 42, essayPath: ESSAY, axis: "stance", value: "disagree", reason: null, toggle: true } });
  });

  it("refuses a ▼ without a reason, a reason that is not one, and a choice that does not exist", () => {
    const noReason = parseVoteForm(plainForm("42:down"));
    expect(noReason.ok).toBe(false);
    if (!noReason.ok) expect(noReason.fieldErrors.reason).toMatch(/Disagreeing is a stance/);
    const wrong = parseVoteForm(plainForm("42:down:wrong"));
    expect(wrong.ok).toBe(false);
    if (!wrong.ok) expect(wrong.fieldErrors.reason).toMatch(/off-topic, repetitive or no argument/);
    expect(parseVoteForm(plainForm("42:love")).ok).toBe(false);
    // A button must name its comment: no id, or one that is not a number, is refused.
    for (const vote of ["up", "x:up", ":up", "-1:up"]) {
      const parsed = parseVoteForm(plainForm(vote));
      expect(parsed.ok, vote).toBe(false);
      if (!parsed.ok) expect(parsed.fieldErrors.commentId, vote).toBeDefined();
    }
  });

  it("reads a script's JSON by axis, without toggling, and refuses a choice from the other axis", () => {
    expect(parseVoteForm({ commentId: 42, essayPath: ESSAY, axis: "stance", value: "none" })).toEqual({
      ok: true,
      data: { commentId: 42, essayPath: ESSAY, axis: "stance", value: null, reason: null, toggle: false },
    });
    const crossed = parseVoteForm({ commentId: 42, essayPath: ESSAY, axis: "stance", value: "up" });
    expect(crossed.ok).toBe(false);
    if (!crossed.ok) expect(crossed.fieldErrors.value).toBe("A stance is agree or disagree.");
  });
});

describe("where a plain vote form comes back to", () => {
  it("returns to the comment on the thread page it was sent from", () => {
    expect(voteReturnHref(ESSAY, ESSAY, 42)).toBe(`${ESSAY}#comment-42`);
    expect(voteReturnHref(`${ESSAY}/comments/best/2`, ESSAY, 42)).toBe(`${ESSAY}/comments/best/2#comment-42`);
    expect(voteReturnHref(`${ESSAY}/comments/3#comment-9`, ESSAY, 42)).toBe(`${ESSAY}/comments/3#comment-42`);
  });

  it("ignores another site, another essay or a made-up page for the comment's own address", () => {
    for (const forged of ["https://evil.example/", "//evil.example/x", "/essays/09/09/other", `${ESSAY}/comments/0`, `${ESSAY}/comments/best/1`, `${ESSAY}/comments/nope`, 7]) {
      expect(voteReturnHref(forged, ESSAY, 42), String(forged)).toBe("/comments/42");
    }
  });
});

describe("the stylesheet of a reader's votes for a browser without JavaScript", () => {
  it("presses the reader's choices, ▼'s reason too, and writes only their private tallies", () => {
    const css = noScriptVotesCss({
      votes: { 7: { value: "down", reason: "off-topic", stance: "agree" } },
      tallies: [
        { commentId: 7, kind: "split", agree: 3, disagree: 1 },
        { commentId: 8, kind: "own", counts: { up: 2, down: 0, agree: 1, disagree: 4, upFromDisagreers: 1 } },
      ],
      weighs: true,
    });
    for (const key of ["7:down", "7:down:off-topic", "7:agree"]) expect(css).toContain(`.vote-forms :is([value=${cssString(key)}], [data-vote=${cssString(key)}])`);
    expect(css).not.toMatch(/7\\3a up|7\\3a disagree/);
    expect(css).toMatch(/data-comment="7"\]::before \{ content: "3 agree .* 1 disagree"/);
    expect(css).toMatch(/data-comment="8"\]::before \{ content: "Only you see these for now\\3a  2 worth reading/);
    expect(css).not.toContain("old enough");
  });

  it("says a young account's votes are kept and count later; nothing for a reader without votes", () => {
    expect(noScriptVotesCss({ ...NO_VOTES, weighs: false })).toContain("will count once your account is old enough");
    expect(noScriptVotesCss(NO_VOTES).trim()).toBe("");
  });
});
