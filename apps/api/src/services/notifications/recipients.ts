import type { NotificationType } from "@helpdesk/db/schema";

/**
 * Who hears of a ticket event: the table in docs/notifications.md, as one pure function.
 * The actor is never notified of their own action, with one exception: a customer who opens a
 * ticket gets its confirmation e-mail (a receipt), though no in-app notification.
 */
export interface RecipientInput {
  type: NotificationType;
  actorId: string | null;
  ticket: { customerId: string; assigneeId: string | null };
  /** Active agents and admins of the organization. */
  staffIds: readonly string[];
  /** Active admins of the organization (SLA breaches). */
  adminIds?: readonly string[];
  /** For sla.breached: the policy's escalation list (active staff only). */
  escalationIds?: readonly string[];
  followerIds: readonly string[];
  /** For message.added: who wrote it and whether it is an internal note. */
  message?: { authorId: string; internal: boolean; mentionedIds: readonly string[] };
  /** For ticket.status_changed. */
  toStatus?: string;
  /** For ticket.assigned: the new assignee (null when unassigned). */
  assigneeId?: string | null;
}

export type Audience = "customer" | "staff";
export interface Recipient {
  userId: string;
  audience: Audience;
  /** False for the receipt a customer gets for their own new ticket: an e-mail, not an in-app alert. */
  inApp: boolean;
}

export function recipientsOf(input: RecipientInput): Recipient[] {
  const { ticket } = input;
  const customer = (): Recipient[] => [{ userId: ticket.customerId, audience: "customer", inApp: true }];
  const staff = (ids: readonly (string | null | undefined)[]): Recipient[] =>
    ids
      .filter((id): id is string => Boolean(id))
      .map((userId) => ({ userId, audience: "staff", inApp: true }));

  let candidates: Recipient[] = [];
  switch (input.type) {
    case "ticket.created":
      candidates = [...customer(), ...staff(input.staffIds)];
      break;
    case "ticket.assigned":
      candidates = staff([input.assigneeId]);
      break;
    case "message.added": {
      const message = input.message;
      if (!message) break;
      if (message.internal) {
        candidates = staff([ticket.assigneeId, ...message.mentionedIds]);
      } else {
        const fromCustomer = message.authorId === ticket.customerId;
        const otherSide = fromCustomer
          ? staff(ticket.assigneeId ? [ticket.assigneeId] : input.staffIds)
          : customer();
        candidates = [...otherSide, ...staff(input.followerIds)];
      }
      break;
    }
    case "ticket.status_changed": {
      const tellCustomer = input.toStatus === "resolved" || input.toStatus === "closed";
      candidates = [...(tellCustomer ? customer() : []), ...staff([ticket.assigneeId])];
      break;
    }
    case "sla.warning":
      candidates = staff([ticket.assigneeId]);
      break;
    case "sla.breached":
      // The assignee answers for it; with nobody assigned, every agent hears of it.
      candidates = staff([
        ...(ticket.assigneeId ? [ticket.assigneeId] : input.staffIds),
        ...(input.adminIds ?? []),
        ...(input.escalationIds ?? []),
      ]);
      break;
  }
  const receipts: Recipient[] =
    input.type === "ticket.created" && input.actorId === ticket.customerId
      ? [{ userId: ticket.customerId, audience: "customer", inApp: false }]
      : [];
  const seen = new Set(receipts.map((recipient) => recipient.userId));
  const notified = candidates.filter((recipient) => {
    if (recipient.userId === input.actorId || seen.has(recipient.userId)) return false;
    seen.add(recipient.userId);
    return true;
  });
  return [...receipts, ...notified];
}

/**
 * `@alice`, `@alice.agent` or `@AliceAgent` mention the staff member whose first name, full name
 * without spaces, or e-mail local part matches (case-insensitive).
 */
export function mentionedStaff(
  body: string,
  staff: readonly { id: string; name: string; email: string }[],
): string[] {
  const tokens = new Set([...body.matchAll(/@([\p{L}\p{N}._-]+)/gu)].map((match) => match[1]?.toLowerCase()));
  if (tokens.size === 0) return [];
  return staff
    .filter((member) => {
      const name = member.name.toLowerCase();
      const handles = [
        name.split(/\s+/)[0],
        name.replace(/\s+/g, ""),
        member.email.split("@")[0]?.toLowerCase(),
      ];
      return handles.some((handle) => handle && tokens.has(handle));
    })
    .map((member) => member.id);
}
