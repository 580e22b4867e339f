ALTER TABLE `comments` ADD `disagrees` integer DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE `comments` ADD `restatement` text;--> statement-breakpoint
ALTER TABLE `comments` ADD `restatement_verdict` text;--> statement-breakpoint
ALTER TABLE `comments` ADD `restatement_correction` text;--> statement-breakpoint
ALTER TABLE `comments` ADD `restatement_answered_at` integer;