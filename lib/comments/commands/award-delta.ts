import "server-only";
import { awardDelta as storeDelta, type DeltaRefusal } from "@/db/queries/deltas";
import { env } from "@/env.js";
import { nameChoiceHref } from "@/lib/auth/display-name";
import { queueDeltaNotification } from "@/lib/notifications/queue-notifications";
import { commentPermalink } from "../permalink";
import { parseDeltaForm } from "../validation";
import { fail, invalidFields, isRecord, type CommandRequest, type CommandResult, type Failure } from "./result";

// Awarding a Δ "changed my mind" to another reader's comment (issue 14, decision 040):
// { commentId, explanation } as the viewer, the giver.

export type AwardDeltaResult = CommandResult<{ deltaId: number; comment: { id: number; essayPath: string; parentId: number | null } }>;

const REFUSALS: Record<Exclude<DeltaRefusal["reason"], "banned" | "name-not-chosen">, Failure> = {
  "no-account": fail("unauthenticated", "Sign in to award a Δ."),
  "not-found": fail("not-found", "That comment does not exist."),
  "not-shown": fail("conflict", "That comment was deleted or removed by a moderator, so it cannot receive a Δ."),
  retracted: fail("conflict", "Its author has retracted that comment, so it cannot receive a Δ."),
  "former-reader": fail("conflict", "That comment's author has left the site, so there is nobody to award the Δ to."),
  "own-comment": fail("forbidden", "A Δ is for someone else's comment that changed your mind, not your own."),
  "not-in-conversation": fail("forbidden", "You can award a Δ only in a conversation you took part in: reply in it first, then award the Δ."),
  "already-given": fail("conflict", "You have already awarded this reader a Δ under this essay: one per reader per essay."),
};

export async function awardDelta({ viewer, input }: CommandRequest): Promise<AwardDeltaResult> {
  if (!viewer) return fail("unauthenticated", "Sign in to award a Δ.");
  if (!isRecord(input)) return fail("invalid", "Send an object: { commentId, explanation }.");
  const parsed = parseDeltaForm(input);
  if (!parsed.ok) return invalidFields(parsed.fieldErrors);
  const { commentId, explanation } = parsed.data;

  const result = await storeDelta({
    commentId,
    giverId: viewer.userId,
    explanation,
    authorEmails: env.AUTHOR_EMAILS,
    // The recipient's e-mail is queued with the Δ: both or neither.
    afterInsert: (tx, delta) => queueDeltaNotification({ delta, giverName: delta.giverName, explanation, tx }),
  });
  if (!result.ok) {
    if (result.reason === "banned") return fail("forbidden", `A moderator has stopped you from commenting. Reason: ${result.ban.reason}`);
    if (result.reason === "name-not-chosen") {
      return fail("forbidden", "Before you award a Δ, choose the name other readers will see beside it. What you wrote is kept here.", {
        link: { href: nameChoiceHref(commentPermalink(commentId)), text: "Choose your name" },
      });
    }
    return REFUSALS[result.reason];
  }
  // The count of comments is unchanged; the thread shows the Δ.
  return {
    ok: true,
    deltaId: result.id,
    comment: { id: commentId, essayPath: result.essayPath, parentId: result.parentId },
    refresh: { essayPaths: [result.essayPath], counts: false },
  };
}
