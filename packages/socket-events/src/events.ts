/**
 * Every Socket.IO event the server sends, typed once for the API (server), the workers (emitter)
 * and the web app (client). Documented in docs/notifications.md.
 */
export interface NotificationEvent {
  id: string;
  type: string;
  ticketId: string | null;
  /** How many events this notification stands for (repeats within 5 minutes collapse). */
  count: number;
  data: Record<string, unknown>;
  readAt: null;
  createdAt: string;
  updatedAt: string;
}

/** For live ticket lists: sent to the organization's agents and admins on every ticket event. */
export interface TicketUpdatedEvent {
  ticketId: string;
  number: number;
  subject: string;
  status: string;
  priority: string;
  assigneeId: string | null;
  customerId: string;
  updatedAt: string;
  /** What happened: ticket.created, message.added, ticket.assigned, ticket.status_changed. */
  eventType: string;
}

/** An SLA deadline about to pass (warning) or passed (breached). */
export interface SlaEvent {
  ticketId: string;
  number: number;
  subject: string;
  target: "first_response" | "next_response" | "resolution";
  dueAt: string;
  /** Breaches only: when it was recorded. */
  breachedAt?: string;
}

/** An export's job at work: sent to its requester when it starts, about once a second, and at the end. */
export interface ExportProgressEvent {
  id: string;
  /** 0–100. */
  progress: number;
  rowsDone: number;
  /** Rows the export is expected to hold (counted when it starts). */
  total: number;
}

/** An export's file is ready; `downloadUrl` works for an hour (GET the export for a fresh one). */
export interface ExportReadyEvent {
  id: string;
  rowCount: number;
  byteSize: number;
  downloadUrl: string;
}

/** An export failed for good (no attempt left). */
export interface ExportFailedEvent {
  id: string;
  error: string;
}

export interface ServerToClientEvents {
  notification: (event: NotificationEvent) => void;
  "ticket:updated": (event: TicketUpdatedEvent) => void;
  "sla:warning": (event: SlaEvent) => void;
  "sla:breached": (event: SlaEvent) => void;
  "export:progress": (event: ExportProgressEvent) => void;
  "export:ready": (event: ExportReadyEvent) => void;
  "export:failed": (event: ExportFailedEvent) => void;
}

export type ExportEventName = "export:progress" | "export:ready" | "export:failed";

/** Clients only listen; they act through the HTTP API. */
export type ClientToServerEvents = Record<never, never>;
