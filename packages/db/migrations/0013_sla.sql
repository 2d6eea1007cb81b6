CREATE TYPE "public"."sla_target" AS ENUM('first_response', 'next_response', 'resolution');--> statement-breakpoint
CREATE TABLE "sla_breaches" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"target" "sla_target" NOT NULL,
	"due_at" timestamp (3) with time zone NOT NULL,
	"breached_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"priority" "ticket_priority" NOT NULL,
	"assignee_id" uuid,
	"policy_id" uuid
);
--> statement-breakpoint
CREATE TABLE "sla_clocks" (
	"organization_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"target" "sla_target" NOT NULL,
	"started_at" timestamp (3) with time zone NOT NULL,
	"minutes" integer NOT NULL,
	"priority" "ticket_priority" NOT NULL,
	"assignee_id" uuid,
	"pauses" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"due_at" timestamp (3) with time zone,
	"warn_at" timestamp (3) with time zone,
	"met_at" timestamp (3) with time zone,
	"business_seconds" integer,
	"stopped_at" timestamp (3) with time zone,
	"warned_at" timestamp (3) with time zone,
	"breached_at" timestamp (3) with time zone,
	CONSTRAINT "sla_clocks_ticket_id_target_started_at_pk" PRIMARY KEY("ticket_id","target","started_at")
);
--> statement-breakpoint
CREATE TABLE "sla_policies" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"name" text NOT NULL,
	"is_default" boolean DEFAULT false NOT NULL,
	"targets" jsonb NOT NULL,
	"business_hours" jsonb,
	"escalation" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "ticket_status_changes" (
	"id" uuid PRIMARY KEY NOT NULL,
	"organization_id" uuid NOT NULL,
	"ticket_id" uuid NOT NULL,
	"from_status" "ticket_status" NOT NULL,
	"to_status" "ticket_status" NOT NULL,
	"changed_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_policy_id" uuid;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_dirty" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_next_due_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_next_warn_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "tickets" ADD COLUMN "sla_breached" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "sla_breaches" ADD CONSTRAINT "sla_breaches_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_breaches" ADD CONSTRAINT "sla_breaches_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_clocks" ADD CONSTRAINT "sla_clocks_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_clocks" ADD CONSTRAINT "sla_clocks_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "sla_policies" ADD CONSTRAINT "sla_policies_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_status_changes" ADD CONSTRAINT "ticket_status_changes_organization_id_organizations_id_fk" FOREIGN KEY ("organization_id") REFERENCES "public"."organizations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ticket_status_changes" ADD CONSTRAINT "ticket_status_changes_ticket_id_tickets_id_fk" FOREIGN KEY ("ticket_id") REFERENCES "public"."tickets"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "sla_breaches_once" ON "sla_breaches" USING btree ("ticket_id","target","due_at");--> statement-breakpoint
CREATE INDEX "sla_breaches_org_breached_idx" ON "sla_breaches" USING btree ("organization_id","breached_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "sla_clocks_running_due_idx" ON "sla_clocks" USING btree ("due_at","ticket_id") WHERE "sla_clocks"."met_at" is null and "sla_clocks"."stopped_at" is null and "sla_clocks"."breached_at" is null and "sla_clocks"."due_at" is not null;--> statement-breakpoint
CREATE INDEX "sla_clocks_org_started_idx" ON "sla_clocks" USING btree ("organization_id","started_at");--> statement-breakpoint
CREATE UNIQUE INDEX "sla_policies_one_default" ON "sla_policies" USING btree ("organization_id") WHERE "sla_policies"."is_default";--> statement-breakpoint
CREATE INDEX "sla_policies_org_created_idx" ON "sla_policies" USING btree ("organization_id","created_at" DESC NULLS LAST,"id" DESC NULLS LAST);--> statement-breakpoint
CREATE INDEX "ticket_status_changes_ticket_idx" ON "ticket_status_changes" USING btree ("ticket_id","changed_at");--> statement-breakpoint
ALTER TABLE "tickets" ADD CONSTRAINT "tickets_sla_policy_id_sla_policies_id_fk" FOREIGN KEY ("sla_policy_id") REFERENCES "public"."sla_policies"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tickets_sla_dirty_idx" ON "tickets" USING btree ("updated_at") WHERE "tickets"."sla_dirty";--> statement-breakpoint
CREATE INDEX "tickets_org_sla_next_due_idx" ON "tickets" USING btree ("organization_id","sla_next_due_at","id") WHERE "tickets"."sla_next_due_at" is not null;