CREATE TABLE `comment_retractions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`comment_id` integer NOT NULL,
	`action` text NOT NULL,
	`note` text,
	`cause_comment_id` integer,
	`at` integer NOT NULL,
	FOREIGN KEY (`comment_id`) REFERENCES `comments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`cause_comment_id`) REFERENCES `comments`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "comment_retractions_action_check" CHECK("action" in ('retract', 'undo'))
);
--> statement-breakpoint
CREATE INDEX `comment_retractions_comment_id_idx` ON `comment_retractions` (`comment_id`);--> statement-breakpoint
ALTER TABLE `comments` ADD `retracted_at` integer;--> statement-breakpoint
ALTER TABLE `comments` ADD `retraction_note` text;--> statement-breakpoint
ALTER TABLE `comments` ADD `retraction_cause_id` integer REFERENCES comments(id);