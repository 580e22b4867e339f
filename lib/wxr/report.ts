// The summary `npm run comments:import-wxr` prints: every comment in the file is counted
// once, as imported, already imported, skipped (with its reason), or without an essay.
import type { WxrImportPlan, SkipReason } from "./plan-import";

export type WxrImportCounts = { imported: { published: number; pending: number }; alreadyImported: number };

const REASONS: Record<SkipReason, string> = {
  spam: "spam",
  trash: "in the trash",
  pingback: "pingbacks",
  trackback: "trackbacks",
  "other-type": "other comment types",
  "unknown-status": "unknown approval status",
  "no-date": "no usable date",
  empty: "no text",
  "not-a-post": "on pages or attachments, not posts",
};

// Long lists (years of spam) are cut here; the counts stay exact.
const EXAMPLES = 10;

const plural = (count: number, word: string) => `${count} ${word}${count === 1 ? "" : "s"}`;

export function formatWxrReport({
  source,
  plan,
  counts,
  dryRun,
}: {
  source: string;
  plan: WxrImportPlan;
  counts: WxrImportCounts;
  dryRun: boolean;
}): string {
  const lines: string[] = [];
  const { published, pending } = counts.imported;
  const missing = plan.missingEssays.reduce((sum, post) => sum + post.comments, 0);
  lines.push(`${source} (${plan.host}): ${plural(plan.totalComments, "comment")} on ${plural(plan.postsWithComments, "post")}.`);
  lines.push(
    `${dryRun ? "Would import" : "Imported"}: ${published + pending}` +
      (pending > 0 ? ` (${published} published, ${pending} held for moderation)` : "") +
      (dryRun ? " — dry run, nothing was written" : ""),
  );
  lines.push(`Already imported by an earlier run: ${counts.alreadyImported}`);

  lines.push(`Skipped: ${plan.skipped.length}`);
  for (const reason of Object.keys(REASONS) as SkipReason[]) {
    const group = plan.skipped.filter((comment) => comment.reason === reason);
    if (group.length === 0) continue;
    lines.push(`  ${REASONS[reason]}: ${group.length}`);
    for (const comment of group.slice(0, EXAMPLES)) {
      lines.push(`    #${comment.wpId} by ${JSON.stringify(comment.author)} on ${JSON.stringify(comment.postTitle)} (${comment.detail})`);
    }
    if (group.length > EXAMPLES) lines.push(`    …and ${group.length - EXAMPLES} more`);
  }

  lines.push(`Not imported, no essay here for their post: ${plural(missing, "comment")} on ${plural(plan.missingEssays.length, "post")}`);
  for (const post of plan.missingEssays.slice(0, EXAMPLES * 2)) {
    lines.push(`  ${JSON.stringify(post.title)} ${post.link} — ${plural(post.comments, "comment")}; looked for ${post.tried.join(", ") || "(no address)"}`);
  }
  if (plan.missingEssays.length > EXAMPLES * 2) lines.push(`  …and ${plan.missingEssays.length - EXAMPLES * 2} more posts`);

  if (plan.madeTopLevel.length > 0) {
    lines.push(`Replies made top-level: ${plan.madeTopLevel.length}`);
    const skippedById = new Map(plan.skipped.map((comment) => [comment.wpId, comment]));
    for (const reply of plan.madeTopLevel.slice(0, EXAMPLES * 2)) {
      const why =
        reply.why === "parent-skipped"
          ? `its parent #${reply.parentWpId} was skipped (${REASONS[skippedById.get(reply.parentWpId)?.reason ?? "other-type"]})`
          : reply.why === "parent-loop"
            ? `its parent chain through #${reply.parentWpId} loops back on itself`
            : `its parent #${reply.parentWpId} is not among the post's comments in the file`;
      lines.push(`  #${reply.wpId} on ${JSON.stringify(reply.postTitle)}: ${why}`);
    }
    if (plan.madeTopLevel.length > EXAMPLES * 2) lines.push(`  …and ${plan.madeTopLevel.length - EXAMPLES * 2} more`);
  }
  return lines.join("\n");
}
