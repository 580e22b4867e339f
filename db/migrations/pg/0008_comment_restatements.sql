ALTER TABLE "comments" ADD COLUMN "disagrees" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "restatement" text;--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "restatement_verdict" text;--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "restatement_correction" text;--> statement-breakpoint
ALTER TABLE "comments" ADD COLUMN "restatement_answered_at" timestamp with time zone;