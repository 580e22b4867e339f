CREATE TABLE `comment_deltas` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`comment_id` integer NOT NULL,
	`essay_path` text NOT NULL,
	`giver_id` text NOT NULL,
	`recipient_id` text,
	`explanation` text NOT NULL,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`removed_at` integer,
	`removed_by` text,
	`removal_reason` text,
	FOREIGN KEY (`comment_id`) REFERENCES `comments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`giver_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recipient_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`removed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `comment_deltas_essay_giver_recipient_idx` ON `comment_deltas` (`essay_path`,`giver_id`,`recipient_id`);--> statement-breakpoint
CREATE INDEX `comment_deltas_comment_id_idx` ON `comment_deltas` (`comment_id`);--> statement-breakpoint
CREATE INDEX `comment_deltas_recipient_id_idx` ON `comment_deltas` (`recipient_id`);