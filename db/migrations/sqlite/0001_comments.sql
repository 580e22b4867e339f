CREATE TABLE `cache_tag_events` (
	`tag` text PRIMARY KEY NOT NULL,
	`stale_at` integer,
	`expired_at` integer,
	`seq` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `cache_tag_events_seq_idx` ON `cache_tag_events` (`seq`);--> statement-breakpoint
CREATE TABLE `comment_revisions` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`comment_id` integer NOT NULL,
	`body` text NOT NULL,
	`body_html` text NOT NULL,
	`written_at` integer NOT NULL,
	`replaced_at` integer NOT NULL,
	FOREIGN KEY (`comment_id`) REFERENCES `comments`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `comment_revisions_comment_id_idx` ON `comment_revisions` (`comment_id`);--> statement-breakpoint
CREATE TABLE `comments` (
	`id` integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	`essay_path` text NOT NULL,
	`parent_id` integer,
	`author_id` text,
	`author_name` text,
	`body` text NOT NULL,
	`body_html` text NOT NULL,
	`render_version` integer DEFAULT 1 NOT NULL,
	`status` text DEFAULT 'published' NOT NULL,
	`moderation_reason` text,
	`deleted_at` integer,
	`edited_at` integer,
	`created_at` integer DEFAULT (cast(unixepoch('subsec') * 1000 as integer)) NOT NULL,
	FOREIGN KEY (`parent_id`) REFERENCES `comments`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	CONSTRAINT "comments_status_check" CHECK("status" in ('published', 'pending', 'hidden'))
);
--> statement-breakpoint
CREATE INDEX `comments_essay_path_created_at_idx` ON `comments` (`essay_path`,`created_at`);--> statement-breakpoint
CREATE INDEX `comments_author_id_created_at_idx` ON `comments` (`author_id`,`created_at`);--> statement-breakpoint
CREATE INDEX `comments_parent_id_idx` ON `comments` (`parent_id`);