import type { TicketPriority, TicketStatus } from "@helpdesk/db/schema";
import type { TestOrg, TestUser } from "./fixtures.ts";
import type { TestServer } from "./server.ts";

/** A ticket as the API sends it (dates as ISO strings). */
export interface TicketBody {
  id: string;
  organizationId: string;
  number: number;
  subject: string;
  status: TicketStatus;
  priority: TicketPriority;
  customerId: string;
  assigneeId: string | null;
  firstResponseAt: string | null;
  resolvedAt: string | null;
  closedAt: string | null;
  closedReason: string | null;
  sla: {
    policyId: string;
    firstResponse: SlaTargetBody | null;
    nextResponse: SlaTargetBody | null;
    resolution: SlaTargetBody | null;
  } | null;
  createdAt: string;
  updatedAt: string;
}

export interface SlaTargetBody {
  dueAt: string | null;
  state: "ok" | "at_risk" | "paused" | "breached" | "met";
  remainingSeconds: number;
}

export interface MessageBody {
  id: string;
  ticketId: string;
  body: string;
  internal: boolean;
  createdAt: string;
  author: { id: string; name: string; role: string };
}

/** Opens a ticket through the API as an agent of `org` on behalf of `customer` (org.customer by default). */
export async function openTicket(
  server: TestServer,
  org: TestOrg,
  fields: { subject?: string; priority?: TicketPriority; customer?: TestUser } = {},
): Promise<TicketBody> {
  const res = await server.request<TicketBody>("POST", "/api/v1/tickets", {
    token: org.agent.token,
    body: {
      subject: fields.subject ?? "Printer on fire",
      body: "It started this morning.",
      priority: fields.priority,
      customerId: (fields.customer ?? org.customer).id,
    },
  });
  if (res.status !== 201) throw new Error(`openTicket answered ${res.status}: ${JSON.stringify(res.body)}`);
  return res.body;
}

/** Sets a ticket's status through the API as org.agent, failing loudly if the transition is refused. */
export async function moveTicket(server: TestServer, org: TestOrg, ticketId: string, status: TicketStatus) {
  const res = await server.request<TicketBody>("PATCH", `/api/v1/tickets/${ticketId}`, {
    token: org.agent.token,
    body: { status },
  });
  if (res.status !== 200) throw new Error(`moving to ${status} answered ${res.status}`);
  return res.body;
}

/** A fresh ticket in `status`: every status is one allowed step away from `new`. */
export async function ticketInStatus(server: TestServer, org: TestOrg, status: TicketStatus) {
  const ticket = await openTicket(server, org);
  return status === "new" ? ticket : moveTicket(server, org, ticket.id, status);
}
