// The file `npm run comments:export` writes and `npm run comments:import` reads: the
// conversation database without secrets (docs/decisions/013-owning-your-words.md).
// Pure (no database, no Node APIs) so the scripts, the tests and any later tool share it.
import { z } from "zod";

export const BACKUP_FORMAT = "essays-comments";
export const BACKUP_VERSION = 1;

// Ids are PostgreSQL `integer`s; a larger one would fail in the database, not here.
const id = z.number().int().min(1).max(2_147_483_647);
const userId = z.string().min(1);
// toISOString()'s own shape, so a file read back writes out byte for byte the same.
const time = z.iso.datetime({
  precision: 3,
  error: (issue) => (issue.input === undefined ? "missing" : "expected a UTC time such as 2010-08-23T14:30:00.000Z"),
});
const text = z.string();

// Key order here is the key order in the file. A test checks every table's columns are covered,
// so a column added to the schema cannot be dropped from backups unnoticed.
const userRow = z.strictObject({
  id: userId,
  name: text.nullable(),
  displayName: text.nullable(),
  // Files written before readers confirmed their names lack it: null, so they are asked once.
  nameConfirmedAt: time.nullable().default(null),
  email: text.nullable(),
  emailVerified: time.nullable(),
  image: text.nullable(),
  notify: z.enum(["replies", "threads", "never"]),
  commentsApprovedAt: time.nullable(),
  createdAt: time,
});

const commentRow = z.strictObject({
  id,
  essayPath: text.min(1),
  parentId: id.nullable(),
  authorId: userId.nullable(),
  authorName: text.nullable(),
  body: text,
  bodyHtml: text,
  renderVersion: z.number().int().min(1),
  status: z.enum(["published", "pending", "hidden"]),
  moderationReason: text.nullable(),
  deletedAt: time.nullable(),
  editedAt: time.nullable(),
  createdAt: time,
  sourceId: text.min(1).nullable(),
  // Files written before retractions existed lack these: not retracted.
  retractedAt: time.nullable().default(null),
  retractionNote: text.nullable().default(null),
  retractionCauseId: id.nullable().default(null),
  // …and before the restatement check: not disagreeing, nothing restated.
  disagrees: z.boolean().default(false),
  restatement: text.nullable().default(null),
  restatementVerdict: z.enum(["confirmed", "not-quite"]).nullable().default(null),
  restatementCorrection: text.nullable().default(null),
  restatementAnsweredAt: time.nullable().default(null),
});

const commentRevisionRow = z.strictObject({
  id,
  commentId: id,
  body: text,
  bodyHtml: text,
  writtenAt: time,
  replacedAt: time,
});

const reportRow = z.strictObject({
  id,
  commentId: id,
  reporterId: userId,
  reason: text,
  createdAt: time,
  resolvedAt: time.nullable(),
  resolvedBy: userId.nullable(),
  resolution: text.nullable(),
});

const banRow = z.strictObject({
  id,
  userId,
  reason: text,
  endsAt: time.nullable(),
  createdBy: userId.nullable(),
  createdAt: time,
  liftedAt: time.nullable(),
  liftedBy: userId.nullable(),
});

const threadLockRow = z.strictObject({
  essayPath: text.min(1),
  lockedBy: userId.nullable(),
  reason: text.nullable(),
  lockedAt: time,
});

const moderationLogRow = z.strictObject({
  id,
  actorId: userId.nullable(),
  actorName: text,
  action: text.min(1),
  commentId: id.nullable(),
  essayPath: text.nullable(),
  targetUserId: userId.nullable(),
  reason: text.nullable(),
  createdAt: time,
});

const commentVoteRow = z.strictObject({
  id,
  commentId: id,
  voterId: userId,
  axis: z.enum(["value", "stance"]),
  // Which values go with which axis, and that only a 'down' has a reason: findReferenceProblems.
  value: z.enum(["up", "down", "agree", "disagree"]),
  reason: z.enum(["off-topic", "repetitive", "no-argument"]).nullable(),
  createdAt: time,
  updatedAt: time,
});

const commentRetractionRow = z.strictObject({
  id,
  commentId: id,
  action: z.enum(["retract", "undo"]),
  note: text.nullable(),
  causeCommentId: id.nullable(),
  at: time,
});

const commentDeltaRow = z.strictObject({
  id,
  commentId: id,
  essayPath: text.min(1),
  giverId: userId,
  recipientId: userId.nullable(),
  explanation: text.min(1),
  createdAt: time,
  removedAt: time.nullable(),
  removedBy: userId.nullable(),
  removalReason: text.nullable(),
});

// Issue 15: an essay's revisions (their blocks as stored: JSON text) and the passages comments respond to.
const essayRevisionRow = z.strictObject({
  id: text.min(1),
  essayPath: text.min(1),
  blocks: text.min(2),
  previousId: text.nullable(),
  firstSeenAt: time,
});

const offset = z.number().int().min(0);
const commentPassageRow = z.strictObject({
  commentId: id,
  revisionId: text.min(1),
  blockId: text.min(1),
  startOffset: offset,
  endOffset: offset,
  exact: text.min(1),
  prefix: text,
  suffix: text,
  placedRevisionId: text.min(1),
  placement: z.enum(["anchored", "changed", "orphaned"]),
  placedBlockId: text.nullable(),
  placedStart: offset.nullable(),
  placedEnd: offset.nullable(),
  // Absent from backups written before hand re-attachment existed.
  attachedRevisionId: text.min(1).nullable().default(null),
  attachedBlockId: text.min(1).nullable().default(null),
  attachedStart: offset.nullable().default(null),
  attachedEnd: offset.nullable().default(null),
});

/** Every table in a backup, in the order they are written and imported (parents before children). */
export const BACKUP_ROW_SCHEMAS = {
  users: userRow,
  comments: commentRow,
  commentRevisions: commentRevisionRow,
  reports: reportRow,
  bans: banRow,
  threadLocks: threadLockRow,
  moderationLog: moderationLogRow,
  commentVotes: commentVoteRow,
  commentRetractions: commentRetractionRow,
  commentDeltas: commentDeltaRow,
  essayRevisions: essayRevisionRow,
  commentPassages: commentPassageRow,
} as const;

export type BackupTableName = keyof typeof BACKUP_ROW_SCHEMAS;
export const BACKUP_TABLE_NAMES = Object.keys(BACKUP_ROW_SCHEMAS) as BackupTableName[];

const backupSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  version: z.literal(BACKUP_VERSION),
  users: z.array(userRow),
  comments: z.array(commentRow),
  commentRevisions: z.array(commentRevisionRow),
  reports: z.array(reportRow),
  bans: z.array(banRow),
  threadLocks: z.array(threadLockRow),
  moderationLog: z.array(moderationLogRow),
  // Files written before votes existed lack the key: no votes.
  commentVotes: z.array(commentVoteRow).default([]),
  // …and before retractions existed: none.
  commentRetractions: z.array(commentRetractionRow).default([]),
  // …and before Δs existed: none.
  commentDeltas: z.array(commentDeltaRow).default([]),
  // …and before passages existed: none.
  essayRevisions: z.array(essayRevisionRow).default([]),
  commentPassages: z.array(commentPassageRow).default([]),
});

export type Backup = z.infer<typeof backupSchema>;
export type BackupRow<T extends BackupTableName> = z.infer<(typeof BACKUP_ROW_SCHEMAS)[T]>;

/**
 * The file's text: two-space JSON, keys in schema order, rows in key order, one final newline.
 * No export time inside: the same data always gives the same bytes (export → import → export).
 */
export function serializeBackup(backup: Backup): string {
  const ordered: Record<string, unknown> = { format: backup.format, version: backup.version };
  for (const name of BACKUP_TABLE_NAMES) {
    const keys = Object.keys(BACKUP_ROW_SCHEMAS[name].shape);
    ordered[name] = (backup[name] as Record<string, unknown>[]).map((row) => Object.fromEntries(keys.map((key) => [key, row[key]])));
  }
  return `${JSON.stringify(ordered, null, 2)}\n`;
}

export type ParseBackupResult = { ok: true; backup: Backup } | { ok: false; problems: string[] };

/**
 * Reads a backup file's text: JSON syntax, then every field (problems named by their JSON
 * path, e.g. `comments[3].createdAt`), then references between rows, so a bad file is
 * refused before anything touches the database.
 */
export function parseBackup(json: string): ParseBackupResult {
  let data: unknown;
  try {
    data = JSON.parse(json);
  } catch (error) {
    return { ok: false, problems: [`not valid JSON: ${error instanceof Error ? error.message : String(error)}`] };
  }
  const header = z.object({ format: z.unknown(), version: z.unknown() }).safeParse(data);
  if (!header.success || header.data.format !== BACKUP_FORMAT) {
    return { ok: false, problems: [`not a comments export: expected "format": "${BACKUP_FORMAT}" at the top of the file`] };
  }
  if (header.data.version !== BACKUP_VERSION) {
    return {
      ok: false,
      problems: [`version ${JSON.stringify(header.data.version)} of the format; this version of the blog reads version ${BACKUP_VERSION}`],
    };
  }
  // "missing" reads better than "expected string, received undefined" for a key left out.
  const parsed = backupSchema.safeParse(data, { error: (issue) => (issue.input === undefined ? "missing" : undefined) });
  if (!parsed.success) {
    return { ok: false, problems: parsed.error.issues.map((issue) => `${formatJsonPath(issue.path)}: ${issue.message}`) };
  }
  const problems = findReferenceProblems(parsed.data);
  return problems.length > 0 ? { ok: false, problems } : { ok: true, backup: parsed.data };
}

/** `["comments", 3, "createdAt"]` → `comments[3].createdAt`. */
export function formatJsonPath(path: readonly PropertyKey[]): string {
  let out = "";
  for (const part of path) out += typeof part === "number" ? `[${part}]` : `${out === "" ? "" : "."}${String(part)}`;
  return out || "(top level)";
}

/** Duplicate keys and references to rows the file does not hold (the database would refuse them less clearly). */
function findReferenceProblems(backup: Backup): string[] {
  const problems: string[] = [];
  const keysOf = <T>(table: string, rows: readonly T[], key: (row: T) => string | number, field: string) => {
    const seen = new Set<string | number>();
    rows.forEach((row, index) => {
      const value = key(row);
      if (seen.has(value)) problems.push(`${table}[${index}].${field}: ${JSON.stringify(value)} appears twice`);
      seen.add(value);
    });
    return seen;
  };
  const users = keysOf("users", backup.users, (row) => row.id, "id");
  const comments = keysOf("comments", backup.comments, (row) => row.id, "id");
  keysOf("commentRevisions", backup.commentRevisions, (row) => row.id, "id");
  keysOf("reports", backup.reports, (row) => row.id, "id");
  keysOf("bans", backup.bans, (row) => row.id, "id");
  keysOf("threadLocks", backup.threadLocks, (row) => row.essayPath, "essayPath");
  keysOf("moderationLog", backup.moderationLog, (row) => row.id, "id");
  keysOf("commentVotes", backup.commentVotes, (row) => row.id, "id");
  keysOf("commentRetractions", backup.commentRetractions, (row) => row.id, "id");
  keysOf("commentDeltas", backup.commentDeltas, (row) => row.id, "id");
  // One per giver and recipient per essay; after a recipient left (null) the database allows several.
  keysOf("commentDeltas", backup.commentDeltas, (row) => (row.recipientId === null ? `left ${row.id}` : `${row.essayPath} ${row.giverId} ${row.recipientId}`), "recipientId");
  keysOf("commentVotes", backup.commentVotes, (row) => `${row.commentId} ${row.voterId} ${row.axis}`, "axis");
  const revisions = keysOf("essayRevisions", backup.essayRevisions, (row) => row.id, "id");
  keysOf("commentPassages", backup.commentPassages, (row) => row.commentId, "commentId");
  const emails = backup.users.filter((row) => row.email !== null);
  keysOf("users", emails, (row) => row.email ?? "", "email");
  keysOf("comments", backup.comments.filter((row) => row.sourceId !== null), (row) => row.sourceId ?? "", "sourceId");

  const refer = (table: BackupTableName, index: number, field: string, value: string | number | null, known: Set<string | number>, what: string) => {
    if (value !== null && !known.has(value)) problems.push(`${table}[${index}].${field}: ${JSON.stringify(value)} is not ${what} in this file`);
  };
  backup.comments.forEach((row, i) => {
    refer("comments", i, "parentId", row.parentId, comments, "a comment id");
    refer("comments", i, "authorId", row.authorId, users, "a user id");
    refer("comments", i, "retractionCauseId", row.retractionCauseId, comments, "a comment id");
  });
  backup.commentRetractions.forEach((row, i) => {
    refer("commentRetractions", i, "commentId", row.commentId, comments, "a comment id");
    refer("commentRetractions", i, "causeCommentId", row.causeCommentId, comments, "a comment id");
  });
  backup.commentDeltas.forEach((row, i) => {
    refer("commentDeltas", i, "commentId", row.commentId, comments, "a comment id");
    refer("commentDeltas", i, "giverId", row.giverId, users, "a user id");
    refer("commentDeltas", i, "recipientId", row.recipientId, users, "a user id");
    refer("commentDeltas", i, "removedBy", row.removedBy, users, "a user id");
  });
  backup.commentRevisions.forEach((row, i) => refer("commentRevisions", i, "commentId", row.commentId, comments, "a comment id"));
  backup.commentPassages.forEach((row, i) => {
    refer("commentPassages", i, "commentId", row.commentId, comments, "a comment id");
    refer("commentPassages", i, "revisionId", row.revisionId, revisions, "an essay revision id");
    refer("commentPassages", i, "placedRevisionId", row.placedRevisionId, revisions, "an essay revision id");
    if (row.attachedRevisionId !== null) refer("commentPassages", i, "attachedRevisionId", row.attachedRevisionId, revisions, "an essay revision id");
    if (row.endOffset <= row.startOffset) problems.push(`commentPassages[${i}].endOffset: ends at or before its start`);
  });
  backup.reports.forEach((row, i) => {
    refer("reports", i, "commentId", row.commentId, comments, "a comment id");
    refer("reports", i, "reporterId", row.reporterId, users, "a user id");
    refer("reports", i, "resolvedBy", row.resolvedBy, users, "a user id");
  });
  backup.bans.forEach((row, i) => {
    refer("bans", i, "userId", row.userId, users, "a user id");
    refer("bans", i, "createdBy", row.createdBy, users, "a user id");
    refer("bans", i, "liftedBy", row.liftedBy, users, "a user id");
  });
  backup.threadLocks.forEach((row, i) => refer("threadLocks", i, "lockedBy", row.lockedBy, users, "a user id"));
  backup.moderationLog.forEach((row, i) => {
    refer("moderationLog", i, "actorId", row.actorId, users, "a user id");
    refer("moderationLog", i, "commentId", row.commentId, comments, "a comment id");
    refer("moderationLog", i, "targetUserId", row.targetUserId, users, "a user id");
  });
  backup.commentVotes.forEach((row, i) => {
    refer("commentVotes", i, "commentId", row.commentId, comments, "a comment id");
    refer("commentVotes", i, "voterId", row.voterId, users, "a user id");
    const values = row.axis === "value" ? ["up", "down"] : ["agree", "disagree"];
    if (!values.includes(row.value)) problems.push(`commentVotes[${i}].value: a ${row.axis} vote is ${values.join(" or ")}, not ${JSON.stringify(row.value)}`);
    if (row.reason !== null && row.value !== "down") problems.push(`commentVotes[${i}].reason: only a "down" vote has a reason`);
  });
  if (problems.length === 0 && orderParentsFirst(backup.comments).length !== backup.comments.length) {
    problems.push("comments: some parentId chains loop back on themselves; a reply cannot be its own ancestor");
  }
  return problems;
}

/**
 * Comments ordered so each parent comes before its replies (then by id), which the
 * foreign key on parentId needs when rows go in batch by batch. Comments caught in a
 * parentId loop are left out; the caller compares lengths.
 */
export function orderParentsFirst<T extends { id: number; parentId: number | null }>(rows: readonly T[]): T[] {
  const byId = new Map(rows.map((row) => [row.id, row]));
  const children = new Map<number, T[]>();
  const roots: T[] = [];
  for (const row of rows) {
    if (row.parentId === null || !byId.has(row.parentId)) roots.push(row);
    else {
      const siblings = children.get(row.parentId);
      if (siblings) siblings.push(row);
      else children.set(row.parentId, [row]);
    }
  }
  const ordered: T[] = [];
  // Breadth-first, level by level, each level in id order: iterative, so deep chains are fine.
  let level = roots.sort((a, b) => a.id - b.id);
  while (level.length > 0) {
    for (const row of level) ordered.push(row);
    level = level.flatMap((row) => children.get(row.id) ?? []).sort((a, b) => a.id - b.id);
  }
  return ordered;
}
