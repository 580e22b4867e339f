CREATE TABLE `comment_drafts` (
	`token` text PRIMARY KEY NOT NULL,
	`essay_path` text NOT NULL,
	`parent_id` integer,
	`body` text NOT NULL,
	`expires_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `comment_drafts_expires_at_idx` ON `comment_drafts` (`expires_at`);