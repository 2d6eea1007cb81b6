import { z } from "zod";

/**
 * Building blocks for template props. Links must be absolute http(s) URLs: an e-mail has no base URL
 * to resolve a relative one against, and a `javascript:` href must never reach an inbox.
 */
export const absoluteUrl = z.url({ protocol: /^https?$/ });

export const ticketNumber = z.number().int().positive();
export const count = z.number().int().nonnegative();

/** Timestamps as the API serialises them (`Date#toISOString`); offsets are accepted too. */
export const isoDateTime = z.iso.datetime({ offset: true });
export const isoDate = z.iso.date();

export const ticketStatuses = ["new", "open", "pending", "resolved", "closed"] as const;
export const ticketStatus = z.enum(ticketStatuses);
export type TicketStatus = (typeof ticketStatuses)[number];

export const slaTarget = z.enum(["first_response", "next_response", "resolution"]);

/** The props every e-mail about one ticket carries. */
export const ticketFields = {
  recipientName: z.string().min(1),
  ticketNumber,
  subject: z.string().min(1),
  ticketUrl: absoluteUrl,
  preferencesUrl: absoluteUrl,
};
