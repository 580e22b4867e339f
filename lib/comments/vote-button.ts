// A vote button's value, the one name of a choice on a comment (decision 038): "<comment id>:<choice>",
// a ▼ with its reason "<comment id>:down:<reason>". The page's buttons carry it, the plain form sends
// it, the vote route and the no-script stylesheet read it. No imports: the page's script uses it too.

export const voteButtonValue = (commentId: number, choice: string) => `${commentId}:${choice}`;

/** The parts of a button's value, unchecked (parseVoteForm checks them). */
export function readVoteButton(value: string): { commentId: string; choice: string | undefined; reason: string | undefined } {
  const [commentId = "", choice, reason] = value.split(":", 3);
  return { commentId, choice, reason };
}
