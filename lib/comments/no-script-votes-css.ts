// The reader's votes on one essay's thread as a stylesheet, for a browser without JavaScript
// (decisions 033 and 037): their choices shown pressed, and the tallies only they may see
// written into the thread's empty `.vote-private` places. Built from the same state the page's
// script receives from /api/comments/mine.
import { cssString } from "@/lib/auth/no-script-viewer-css";
import { voteButtonValue } from "./vote-button";
import type { PrivateTally, ViewerVoteState } from "./viewer-vote-state";

const PRESSED = "border-color: var(--accent); background: var(--bg-raised); color: var(--accent); font-weight: 600;";

/** The buttons (and ▼'s summary) to show pressed, by their value (lib/comments/vote-button.ts). */
function keysOf(state: ViewerVoteState): string[] {
  const keys: string[] = [];
  for (const [id, vote] of Object.entries(state.votes)) {
    const commentId = Number(id);
    if (vote.value) keys.push(voteButtonValue(commentId, vote.value));
    if (vote.value === "down" && vote.reason) keys.push(voteButtonValue(commentId, `down:${vote.reason}`));
    if (vote.stance) keys.push(voteButtonValue(commentId, vote.stance));
  }
  return keys;
}

function tallyText(tally: PrivateTally): string {
  if (tally.kind === "split") return `${tally.agree} agree · ${tally.disagree} disagree`;
  const { up, down, agree, disagree } = tally.counts;
  return `Only you see these for now: ${up} worth reading · ${down} not useful · ${agree} agree · ${disagree} disagree`;
}

export function noScriptVotesCss(state: ViewerVoteState): string {
  const lines: string[] = [];
  // A button's value is its key ("7:agree"); ▼'s summary carries it as data-vote ("7:down").
  const pressed = keysOf(state).map((key) => `.vote-forms :is([value=${cssString(key)}], [data-vote=${cssString(key)}])`);
  if (pressed.length > 0) {
    lines.push(`${pressed.join(",\n")} { ${PRESSED} }`);
    lines.push(`${pressed.map((selector) => `${selector}::after`).join(",\n")} { content: " (your vote)"; }`);
  }
  for (const tally of state.tallies) {
    const place = `.vote-private[data-comment=${cssString(String(tally.commentId))}]`;
    lines.push(`${place}::before { content: ${cssString(tallyText(tally))}; }`, `${place} .vote-hidden-note { display: none; }`);
  }
  if (!state.weighs) lines.push(`.vote-forms::after { content: "Your votes are kept and will count once your account is old enough."; flex-basis: 100%; color: var(--muted); }`);
  return `${lines.join("\n")}\n`;
}
