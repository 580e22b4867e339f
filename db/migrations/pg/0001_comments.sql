CREATE TABLE "cache_tag_events" (
	"tag" text PRIMARY KEY NOT NULL,
	"stale_at" bigint,
	"expired_at" bigint,
	"seq" bigint NOT NULL
);
--> statement-breakpoint
CREATE TABLE "comment_revisions" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "comment_revisions_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"comment_id" integer NOT NULL,
	"body" text NOT NULL,
	"body_html" text NOT NULL,
	"written_at" timestamp with time zone NOT NULL,
	"replaced_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "comments" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "comments_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"essay_path" text NOT NULL,
	"parent_id" integer,
	"author_id" text,
	"author_name" text,
	"body" text NOT NULL,
	"body_html" text NOT NULL,
	"render_version" integer DEFAULT 1 NOT NULL,
	"status" text DEFAULT 'published' NOT NULL,
	"moderation_reason" text,
	"deleted_at" timestamp with time zone,
	"edited_at" timestamp with time zone,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "comments_status_check" CHECK ("status" in ('published', 'pending', 'hidden'))
);
--> statement-breakpoint
ALTER TABLE "comment_revisions" ADD CONSTRAINT "comment_revisions_comment_id_comments_id_fk" FOREIGN KEY ("comment_id") REFERENCES "public"."comments"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_parent_id_comments_id_fk" FOREIGN KEY ("parent_id") REFERENCES "public"."comments"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "comments" ADD CONSTRAINT "comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "cache_tag_events_seq_idx" ON "cache_tag_events" USING btree ("seq");--> statement-breakpoint
CREATE INDEX "comment_revisions_comment_id_idx" ON "comment_revisions" USING btree ("comment_id");--> statement-breakpoint
CREATE INDEX "comments_essay_path_created_at_idx" ON "comments" USING btree ("essay_path","created_at");--> statement-breakpoint
CREATE INDEX "comments_author_id_created_at_idx" ON "comments" USING btree ("author_id","created_at");--> statement-breakpoint
CREATE INDEX "comments_parent_id_idx" ON "comments" USING btree ("parent_id");