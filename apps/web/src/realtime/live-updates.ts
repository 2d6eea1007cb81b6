import type { ExportProgressEvent, SlaEvent } from "@helpdesk/socket-events/events";
import type { QueryClient } from "@tanstack/react-query";
import type { AppSocket } from "./socket.ts";

/** How long events are gathered before the queries they touch are refreshed. */
const BURST_MS = 200;

export interface LiveUpdateHandlers {
  /** An SLA breach the user was told of: shown as a toast. */
  onBreach(event: SlaEvent): void;
}

/**
 * The one place where socket events turn into screen updates: each event refreshes the queries
 * (keyed by API path) whose answers it changes, so every screen showing them updates without a reload.
 * Returns the function that stops listening.
 */
export function wireLiveUpdates(socket: AppSocket, client: QueryClient, handlers: LiveUpdateHandlers) {
  // A burst of events (a fan-out, a wave of SLA deadlines) refreshes each query once, not once per
  // event: keys are collected for a moment, then invalidated together.
  const pending = new Map<string, readonly unknown[]>();
  let flush: ReturnType<typeof setTimeout> | undefined;
  const refresh = (queryKey: readonly unknown[]) => {
    pending.set(JSON.stringify(queryKey), queryKey);
    flush ??= setTimeout(() => {
      flush = undefined;
      const keys = [...pending.values()];
      pending.clear();
      for (const queryKey of keys) void client.invalidateQueries({ queryKey });
    }, BURST_MS);
  };
  const invalidate = (...paths: string[]) => {
    for (const path of paths) refresh([path]);
  };
  const onTicket = (event: { ticketId: string }) => {
    invalidate("/api/v1/tickets");
    refresh(["/api/v1/tickets/{id}", event.ticketId]);
    refresh(["/api/v1/tickets/{id}/messages", event.ticketId]);
  };
  const onSla = (event: SlaEvent) => {
    onTicket(event);
    invalidate("/api/v1/sla-breaches");
  };
  const onBreach = (event: SlaEvent) => {
    onSla(event);
    handlers.onBreach(event);
  };
  const onNotification = (event: { ticketId: string | null }) => {
    invalidate("/api/v1/notifications");
    // Customers are not in the staff room: a notification is how they hear of a reply.
    if (event.ticketId) onTicket({ ticketId: event.ticketId });
  };
  const onExportProgress = (event: ExportProgressEvent) => {
    client.setQueryData(["export-progress", event.id], event);
    refresh(["/api/v1/reports/exports/{id}", event.id]);
    invalidate("/api/v1/reports/exports");
  };
  const onExportDone = (event: { id: string }) => {
    refresh(["/api/v1/reports/exports/{id}", event.id]);
    invalidate("/api/v1/reports/exports");
  };

  // Events sent while the socket was down are lost: once it is back, what is on screen is read again.
  const onReconnect = () => void client.invalidateQueries();

  socket.on("ticket:updated", onTicket);
  socket.on("notification", onNotification);
  socket.on("sla:warning", onSla);
  socket.on("sla:breached", onBreach);
  socket.on("export:progress", onExportProgress);
  socket.on("export:ready", onExportDone);
  socket.on("export:failed", onExportDone);
  socket.io.on("reconnect", onReconnect);
  return () => {
    clearTimeout(flush);
    socket.off("ticket:updated", onTicket);
    socket.off("notification", onNotification);
    socket.off("sla:warning", onSla);
    socket.off("sla:breached", onBreach);
    socket.off("export:progress", onExportProgress);
    socket.off("export:ready", onExportDone);
    socket.off("export:failed", onExportDone);
    socket.io.off("reconnect", onReconnect);
  };
}
