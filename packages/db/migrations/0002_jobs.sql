CREATE TABLE "dead_letter_jobs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"queue" text NOT NULL,
	"job_name" text NOT NULL,
	"job_id" text NOT NULL,
	"organization_id" uuid,
	"payload" jsonb NOT NULL,
	"error_message" text NOT NULL,
	"stack" text,
	"attempts_made" integer NOT NULL,
	"failed_at" timestamp (3) with time zone NOT NULL,
	"failure_key" bigint NOT NULL,
	"retried_at" timestamp (3) with time zone,
	"retried_job_id" text,
	"retried_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "outbox_events" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid,
	"queue" text NOT NULL,
	"job_name" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"relayed_at" timestamp (3) with time zone,
	"relay_attempts" integer DEFAULT 0 NOT NULL,
	"last_error" text
);
--> statement-breakpoint
CREATE UNIQUE INDEX "dead_letter_jobs_failure_unique" ON "dead_letter_jobs" USING btree ("queue","job_id","failure_key");--> statement-breakpoint
CREATE INDEX "dead_letter_jobs_org_failed_idx" ON "dead_letter_jobs" USING btree ("organization_id","failed_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "dead_letter_jobs_queue_failed_idx" ON "dead_letter_jobs" USING btree ("queue","failed_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "outbox_events_pending_idx" ON "outbox_events" USING btree ("id") WHERE "outbox_events"."relayed_at" is null;--> statement-breakpoint
CREATE INDEX "outbox_events_relayed_idx" ON "outbox_events" USING btree ("relayed_at") WHERE "outbox_events"."relayed_at" is not null;