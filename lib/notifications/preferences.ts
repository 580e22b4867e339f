import { z } from "zod";

/** users.notify: which e-mails about conversations a reader gets. */
export const NOTIFY_PREFERENCES = ["replies", "threads", "never"] as const;
export type NotifyPreference = (typeof NOTIFY_PREFERENCES)[number];

export const notifyPreferenceSchema = z.enum(NOTIFY_PREFERENCES, { message: "Choose one of the options." });

/** The choices as the profile page words them, in order. */
export const NOTIFY_OPTIONS: { value: NotifyPreference; label: string; hint: string }[] = [
  { value: "replies", label: "Replies to my comments", hint: "An e-mail when someone replies to you." },
  {
    value: "threads",
    label: "Replies, and new comments in conversations I joined",
    hint: "Also an e-mail for every new comment in a conversation you took part in.",
  },
  { value: "never", label: "Never", hint: "No e-mail about conversations." },
];
