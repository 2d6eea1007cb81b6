import type { ServiceContext } from "../../context/service-context.ts";
import { withSla } from "../sla/sla-view.ts";
import { listMessages } from "./list-messages.ts";

/** How many of the latest messages the ticket's own answer carries; older ones are paged. */
const LATEST_MESSAGES = 50;

/**
 * The ticket with its latest messages, oldest of them first as a conversation reads, and the
 * cursor to fetch the older ones from `GET /tickets/:id/messages` (null when there are none).
 */
export async function getTicket(ctx: ServiceContext, ticketId: string) {
  const { ticket, data, nextCursor } = await listMessages(ctx, ticketId, { limit: LATEST_MESSAGES });
  const [withDeadlines] = await withSla(ctx, [ticket]);
  return {
    ...(withDeadlines ?? { ...ticket, sla: null }),
    messages: data.reverse(),
    olderMessagesCursor: nextCursor,
  };
}
