CREATE TABLE `comment_passages` (
	`comment_id` integer PRIMARY KEY NOT NULL,
	`revision_id` text NOT NULL,
	`block_id` text NOT NULL,
	`start_offset` integer NOT NULL,
	`end_offset` integer NOT NULL,
	`exact` text NOT NULL,
	`prefix` text DEFAULT '' NOT NULL,
	`suffix` text DEFAULT '' NOT NULL,
	`placed_revision_id` text NOT NULL,
	`placement` text DEFAULT 'anchored' NOT NULL,
	`placed_block_id` text,
	`placed_start` integer,
	`placed_end` integer,
	FOREIGN KEY (`comment_id`) REFERENCES `comments`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`revision_id`) REFERENCES `essay_revisions`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`placed_revision_id`) REFERENCES `essay_revisions`(`id`) ON UPDATE no action ON DELETE no action,
	CONSTRAINT "comment_passages_placement_check" CHECK("placement" in ('anchored', 'changed', 'orphaned'))
);
--> statement-breakpoint
CREATE INDEX `comment_passages_placed_revision_id_idx` ON `comment_passages` (`placed_revision_id`);--> statement-breakpoint
CREATE TABLE `essay_revisions` (
	`id` text PRIMARY KEY NOT NULL,
	`essay_path` text NOT NULL,
	`blocks` text NOT NULL,
	`previous_id` text,
	`first_seen_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL
);
--> statement-breakpoint
CREATE INDEX `essay_revisions_essay_path_first_seen_at_idx` ON `essay_revisions` (`essay_path`,`first_seen_at`);