import "server-only";
import { env } from "@/env.js";
import type { Essay } from "@/lib/content/essays";
import { plannedRevision, recordRevision, type StoredRevision } from "@/db/queries/passages";
import { essayBlocks } from "./essay-blocks";
import type { BlockText } from "./block-ids";

// The revision of an essay as this instance has it (issue 15, decision 045): its blocks, read once
// per body, and their ids from the database. The build only reads (a preview build must not change
// a shared database, decision 028); the running site records the revision on its first render,
// which re-anchors the essay's passages to it.

const blocksByPath = new Map<string, { body: string; blocks: BlockText[] }>();
const recorded = new Map<string, Promise<StoredRevision>>();

export function blocksOf(essay: Essay): BlockText[] {
  const known = blocksByPath.get(essay.path);
  if (known?.body === essay.body) return known.blocks;
  const blocks = essayBlocks(essay.body, essay.format);
  blocksByPath.set(essay.path, { body: essay.body, blocks });
  return blocks;
}

export async function currentRevision(essay: Essay): Promise<StoredRevision> {
  const blocks = blocksOf(essay);
  if (env.NEXT_PHASE === "phase-production-build") return plannedRevision(essay.path, blocks);
  const key = `${essay.path}\n${essay.body}`;
  let revision = recorded.get(key);
  if (!revision) {
    revision = recordRevision(essay.path, blocks).then(({ revision: stored }) => stored);
    recorded.set(key, revision);
    // A failed write is tried again on the next render.
    revision.catch(() => recorded.delete(key));
  }
  return revision;
}
