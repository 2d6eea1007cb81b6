ALTER TABLE "outbox_events" ADD COLUMN "job_id" text;--> statement-breakpoint
ALTER TABLE "outbox_events" ADD COLUMN "run_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "outbox_events" ADD COLUMN "priority" text;