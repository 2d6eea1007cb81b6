/** One recipient's message e-mails of one ticket: what a wait, and the e-mail it queues, are for. */
export interface MessageEmailTarget {
  organizationId: string;
  ticketId: string;
  recipientId: string;
}

/**
 * The deduplication id of the one wait per (ticket, recipient): the producer (queue-message-email.ts)
 * and the wait's handler (wait-for-quiet-ticket.ts) both name it.
 */
export const messageEmailWaitKey = (target: Pick<MessageEmailTarget, "ticketId" | "recipientId">) =>
  `ticket-messages:${target.ticketId}:${target.recipientId}`;
