import "server-only";
import * as moderation from "@/db/queries/moderation";
import { parseRemoveDeltaForm } from "@/lib/moderation/form-schemas";
import { changedOr, FORBIDDEN, invalidInput, moderatorOf, noticeResult, type ModerationResult } from "./moderator";
import { isRecord, type CommandRequest } from "./result";

/** A moderator removes an abusive Δ with a public reason: { deltaId, reason, reasonDetail? }. Logged. */
export async function removeDelta({ viewer, input }: CommandRequest): Promise<ModerationResult> {
  const actor = await moderatorOf(viewer);
  if (!actor) return FORBIDDEN;
  const parsed = parseRemoveDeltaForm(isRecord(input) ? input : {});
  if (!parsed.ok) return invalidInput(parsed.error);
  const result = await moderation.removeDelta({ deltaId: parsed.data.deltaId, actor, reason: parsed.data.reason });
  if (!result.ok) return noticeResult(result.reason === "not-moderator" ? "forbidden" : "not-found");
  return changedOr(result.changed, "delta-removed", { essayPaths: [result.essayPath], counts: false });
}
