import type { Actor } from "../../auth/actor.ts";

/**
 * What every event of a ticket write carries besides its type: the organization, the ticket, who
 * acted, when (the producer's clock: the rows' own timestamps are the database's, and this is only
 * the envelope) and a new event id, which makes a redelivered event harmless to its consumers.
 */
export function ticketEventEnvelope(actor: Pick<Actor, "id" | "organizationId">, ticketId: string) {
  return {
    organizationId: actor.organizationId,
    ticketId,
    actorId: actor.id,
    occurredAt: new Date().toISOString(),
    eventId: Bun.randomUUIDv7(),
  };
}
