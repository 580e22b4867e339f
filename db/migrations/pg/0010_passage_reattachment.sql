ALTER TABLE "comment_passages" ADD COLUMN "attached_revision_id" text;--> statement-breakpoint
ALTER TABLE "comment_passages" ADD COLUMN "attached_block_id" text;--> statement-breakpoint
ALTER TABLE "comment_passages" ADD COLUMN "attached_start" integer;--> statement-breakpoint
ALTER TABLE "comment_passages" ADD COLUMN "attached_end" integer;--> statement-breakpoint
ALTER TABLE "comment_passages" ADD CONSTRAINT "comment_passages_attached_revision_id_essay_revisions_id_fk" FOREIGN KEY ("attached_revision_id") REFERENCES "public"."essay_revisions"("id") ON DELETE no action ON UPDATE no action;