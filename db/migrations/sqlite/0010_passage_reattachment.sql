ALTER TABLE `comment_passages` ADD `attached_revision_id` text REFERENCES essay_revisions(id);--> statement-breakpoint
ALTER TABLE `comment_passages` ADD `attached_block_id` text;--> statement-breakpoint
ALTER TABLE `comment_passages` ADD `attached_start` integer;--> statement-breakpoint
ALTER TABLE `comment_passages` ADD `attached_end` integer;