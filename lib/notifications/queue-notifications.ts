import "server-only";
import type { Db } from "@/db/client";
import {
  getCommentForNotification,
  getDeltaRecipient,
  listModeratorRecipients,
  listReplyRecipients,
  type CommentForNotification,
} from "@/db/queries/notifications";
import { enqueueMessages, type NewOutboxMessage } from "@/db/queries/outbox";
import { env } from "@/env.js";
import { getEssayByPath } from "@/lib/content/essays";
import type { Mail } from "@/lib/mail/send-mail";
import { siteConfig } from "@/site.config";
import { deltaNotificationMail, moderatorNotificationMail, replyNotificationMail, type EssayInfo, type SiteInfo } from "./messages";
import { signUnsubscribeToken } from "./unsubscribe-token";

// Turns an event into outbox rows; lib/notifications/deliver-outbox.ts sends them. The
// results say how many were queued, never to whom (addresses stay in the outbox).

const site = (): SiteInfo => ({ url: env.SITE_URL, title: siteConfig.title });

function essayInfo(essayPath: string): EssayInfo {
  // A comment outlives its essay's file only by accident; its address still names it.
  return { title: getEssayByPath(essayPath)?.title ?? essayPath, path: essayPath };
}

const outboxMessage = ({ kind, dedupeKey, mail }: { kind: string; dedupeKey: string; mail: Mail }): NewOutboxMessage => ({
  kind,
  dedupeKey,
  toAddress: mail.to,
  subject: mail.subject,
  text: mail.text,
  html: mail.html,
  headers: mail.headers,
});

const commentInfo = (comment: CommentForNotification) => ({
  id: comment.id,
  authorName: comment.authorName,
  body: comment.body,
  bodyHtml: comment.bodyHtml,
});

/**
 * Queues "X replied to your comment" for the parent's author and "New comment in a conversation
 * you joined" for readers who asked for it (rules: db/queries/notifications.ts listReplyRecipients).
 * Call it once a comment is PUBLISHED: posted without moderation, or approved later. It checks
 * the status itself, so a held, hidden or deleted comment queues nothing, and calling it twice
 * queues nothing more (dedupe keys `reply:<commentId>:<userId>`). Pass `tx` to queue in the
 * transaction that publishes the comment. Two queries and one insert, whatever the recipients.
 */
export async function queueReplyNotifications({
  commentId,
  now = new Date(),
  tx,
}: {
  commentId: number;
  now?: Date;
  tx?: Db;
}): Promise<{ queued: number }> {
  const reply = await getCommentForNotification({ commentId, tx });
  if (!reply || reply.status !== "published" || reply.deleted || reply.parentId === null) return { queued: 0 };
  const recipients = await listReplyRecipients({ commentId, authorId: reply.authorId, parentAuthorId: reply.parentAuthorId, now, tx });
  if (recipients.length === 0) return { queued: 0 };

  const essay = essayInfo(reply.essayPath);
  const messages = recipients.map((recipient) =>
    outboxMessage({
      kind: recipient.reason,
      dedupeKey: `reply:${reply.id}:${recipient.userId}`,
      mail: replyNotificationMail({
        to: recipient.email,
        reason: recipient.reason,
        reply: commentInfo(reply),
        essay,
        unsubscribeToken: signUnsubscribeToken({ userId: recipient.userId }),
        site: site(),
      }),
    }),
  );
  return enqueueMessages({ messages, tx });
}

export type ModeratorEvent =
  /** A reader reported the comment; `reportId` makes each report its own e-mail. */
  | { kind: "report"; commentId: number; reportId: number; reason?: string }
  /** The comment was held for approval (COMMENTS_MODERATION). */
  | { kind: "pending"; commentId: number };

/**
 * Queues one e-mail per moderator (verified address in ADMIN_EMAILS) for a new report or a
 * comment waiting for approval. Dedupe keys `report:<reportId>:<userId>` and
 * `pending:<commentId>:<userId>`: the same event never mails a moderator twice.
 */
export async function queueModeratorNotifications(event: ModeratorEvent & { tx?: Db }): Promise<{ queued: number }> {
  const { tx } = event;
  const moderators = await listModeratorRecipients({ adminEmails: env.ADMIN_EMAILS, tx });
  if (moderators.length === 0) return { queued: 0 };
  const comment = await getCommentForNotification({ commentId: event.commentId, tx });
  if (!comment) return { queued: 0 };

  const essay = essayInfo(comment.essayPath);
  const eventKey = event.kind === "report" ? `report:${event.reportId}` : `pending:${event.commentId}`;
  const messages = moderators.map((moderator) =>
    outboxMessage({
      kind: `moderation-${event.kind}`,
      dedupeKey: `${eventKey}:${moderator.userId}`,
      mail: moderatorNotificationMail({
        to: moderator.email,
        kind: event.kind,
        comment: commentInfo(comment),
        essay,
        reason: event.kind === "report" ? event.reason : undefined,
        site: site(),
      }),
    }),
  );
  return enqueueMessages({ messages, tx });
}

/**
 * Queues "your comment changed X's mind" for a Δ's recipient (issue 14), inside the transaction
 * that stores the Δ: unless their notify setting is "never", they have no address, or they are
 * banned. One query and at most one insert; dedupe key `delta:<deltaId>`.
 */
export async function queueDeltaNotification({
  delta,
  giverName,
  explanation,
  now = new Date(),
  tx,
}: {
  delta: { id: number; commentId: number; essayPath: string; recipientId: string };
  giverName: string;
  explanation: string;
  now?: Date;
  tx?: Db;
}): Promise<{ queued: number }> {
  const recipient = await getDeltaRecipient({ userId: delta.recipientId, now, tx });
  if (!recipient) return { queued: 0 };
  const message = outboxMessage({
    kind: "delta",
    dedupeKey: `delta:${delta.id}`,
    mail: deltaNotificationMail({
      to: recipient.email,
      giverName,
      explanation,
      commentId: delta.commentId,
      essay: essayInfo(delta.essayPath),
      unsubscribeToken: signUnsubscribeToken({ userId: recipient.userId }),
      site: site(),
    }),
  });
  return enqueueMessages({ messages: [message], tx });
}
