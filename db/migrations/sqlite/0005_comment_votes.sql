CREATE TABLE `comment_votes` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`comment_id` integer NOT NULL,
	`voter_id` text NOT NULL,
	`axis` text NOT NULL,
	`value` text NOT NULL,
	`reason` text,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	`updated_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`comment_id`) REFERENCES `comments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`voter_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	CONSTRAINT "comment_votes_value_check" CHECK(("axis" = 'value' and "value" in ('up', 'down') and ("reason" is null or ("value" = 'down' and "reason" in ('off-topic', 'repetitive', 'no-argument')))) or ("axis" = 'stance' and "value" in ('agree', 'disagree') and "reason" is null))
);
--> statement-breakpoint
CREATE UNIQUE INDEX `comment_votes_comment_id_voter_id_axis_idx` ON `comment_votes` (`comment_id`,`voter_id`,`axis`);--> statement-breakpoint
CREATE INDEX `comment_votes_voter_id_idx` ON `comment_votes` (`voter_id`);