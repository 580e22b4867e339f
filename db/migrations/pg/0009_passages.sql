CREATE TABLE "comment_passages" (
	"comment_id" integer NOT NULL,
	"revision_id" text NOT NULL,
	"block_id" text NOT NULL,
	"start_offset" integer NOT NULL,
	"end_offset" integer NOT NULL,
	"exact" text NOT NULL,
	"prefix" text DEFAULT '' NOT NULL,
	"suffix" text DEFAULT '' NOT NULL,
	"placed_revision_id" text NOT NULL,
	"placement" text DEFAULT 'anchored' NOT NULL,
	"placed_block_id" text,
	"placed_start" integer,
	"placed_end" integer,
	CONSTRAINT "comment_passages_comment_id_pk" PRIMARY KEY("comment_id"),
	CONSTRAINT "comment_passages_placement_check" CHECK ("placement" in ('anchored', 'changed', 'orphaned'))
);
--> statement-breakpoint
CREATE TABLE "essay_revisions" (
	"id" text PRIMARY KEY NOT NULL,
	"essay_path" text NOT NULL,
	"blocks" text NOT NULL,
	"previous_id" text,
	"first_seen_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "comment_passages" ADD CONSTRAINT "comment_passages_comment_id_comments_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_passages" ADD CONSTRAINT "comment_passages_revision_id_essay_revisions_id_fk" FOREIGN KEY ("revision_id") REFERENCES "public"."essay_revisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comment_passages" ADD CONSTRAINT "comment_passages_placed_revision_id_essay_revisions_id_fk" FOREIGN KEY ("placed_revision_id") REFERENCES "public"."essay_revisions"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "comment_passages_placed_revision_id_idx" ON "comment_passages" USING btree ("placed_revision_id");--> statement-breakpoint
CREATE INDEX "essay_revisions_essay_path_first_seen_at_idx" ON "essay_revisions" USING btree ("essay_path","first_seen_at");