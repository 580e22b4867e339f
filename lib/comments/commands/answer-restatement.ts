import "server-only";
import { answerRestatement as storeAnswer, type RestatementAnswerResult } from "@/db/queries/restatements";
import { parseRestatementAnswer } from "../validation";
import { fail, invalidFields, isRecord, type CommandRequest, type CommandResult, type Failure } from "./result";

// The restatement check (issue 14, decision 041): the person whose view a disagreeing reply
// restated answers, once: { commentId (the reply), verdict: "confirmed" | "not-quite", correction? }.

export type AnswerRestatementResult = CommandResult<{ comment: { id: number; essayPath: string; parentId: number | null }; verdict: "confirmed" | "not-quite" }>;

const REFUSALS: Record<Exclude<Extract<RestatementAnswerResult, { ok: false }>["reason"], "banned">, Failure> = {
  "not-found": fail("not-found", "That reply does not exist."),
  "not-shown": fail("conflict", "That reply was deleted or removed by a moderator, so its restatement cannot be answered."),
  "no-restatement": fail("conflict", "That reply restates nobody’s view, so there is nothing to confirm."),
  "not-yours": fail("forbidden", "Only the person whose view was restated can say whether it is right."),
  "already-answered": fail("conflict", "You have already answered this restatement: an answer is given once."),
};

export async function answerRestatement({ viewer, input }: CommandRequest): Promise<AnswerRestatementResult> {
  if (!viewer) return fail("unauthenticated", "Sign in to answer the restatement of your view.");
  if (!isRecord(input)) return fail("invalid", "Send an object: { commentId, verdict, correction? }.");
  const parsed = parseRestatementAnswer(input);
  if (!parsed.ok) return invalidFields(parsed.fieldErrors);
  const { commentId, verdict, correction } = parsed.data;
  const result = await storeAnswer({ commentId, answererId: viewer.userId, verdict, correction });
  if (!result.ok) {
    if (result.reason === "banned") return fail("forbidden", `A moderator has stopped you from commenting. Reason: ${result.ban.reason}`);
    return REFUSALS[result.reason];
  }
  return { ok: true, comment: { id: commentId, essayPath: result.essayPath, parentId: result.parentId }, verdict, refresh: { essayPaths: [result.essayPath], counts: false } };
}
