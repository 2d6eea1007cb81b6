-- Rows already relayed under the old scheme (stamped, kept 7 days) would read as pending once the
-- stamp is gone and be relayed again: remove them first. Every row left is then still to be relayed.
DELETE FROM "outbox_events" WHERE "relayed_at" IS NOT NULL;--> statement-breakpoint
DROP INDEX "outbox_events_pending_idx";--> statement-breakpoint
DROP INDEX "outbox_events_relayed_idx";--> statement-breakpoint
ALTER TABLE "outbox_events" DROP COLUMN "relayed_at";