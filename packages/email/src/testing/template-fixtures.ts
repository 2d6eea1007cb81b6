import type { TemplateName, TemplateProps } from "../templates/index.ts";

const base = "https://helpdesk.test";
export const preferencesUrl = `${base}/settings/notifications`;

const ticket = {
  recipientName: "Camille",
  ticketNumber: 42,
  subject: "Printer on fire",
  ticketUrl: `${base}/tickets/42`,
  preferencesUrl,
};

/**
 * Valid props for every template, for tests and previews. Typed by the registry, so a template
 * added without a fixture here does not compile.
 */
export const templateFixtures: { [N in TemplateName]: TemplateProps<N> } = {
  welcome: {
    recipientName: "Camille",
    organizationName: "Acme",
    loginUrl: `${base}/login`,
    preferencesUrl,
  },
  "ticket-created": {
    ...ticket,
    audience: "customer",
    customerName: "Dana Customer",
    body: "The printer in room 2 is on fire.\nPlease send help.",
  },
  "new-message": {
    ...ticket,
    messages: [
      {
        id: "message-1",
        authorName: "Dana Customer",
        body: "Still burning.",
        createdAt: "2025-03-05T14:30:00.000Z",
        internal: false,
      },
      {
        id: "message-2",
        authorName: "Sam Agent",
        body: "Fire brigade called.",
        createdAt: "2025-03-05T15:00:00.000Z",
        internal: true,
      },
    ],
  },
  "ticket-assigned": { ...ticket, assignedByName: "Sam Agent" },
  "status-changed": { ...ticket, fromStatus: "open", toStatus: "resolved" },
  "ticket-closed": { ...ticket, reason: "auto" },
  "sla-warning": { ...ticket, target: "first_response", dueAt: "2025-03-05T14:30:00.000Z" },
  "sla-breach": { ...ticket, target: "resolution", dueAt: "2025-03-05T14:30:00.000Z" },
  "daily-digest": {
    recipientName: "Camille",
    organizationName: "Acme",
    date: "2025-03-05",
    counts: { new: 3, open: 1200, pending: 0, breached: 1 },
    tickets: [{ number: 42, subject: "Printer on fire", status: "pending", url: `${base}/tickets/42` }],
    dashboardUrl: `${base}/dashboard`,
    preferencesUrl,
  },
  "weekly-report": {
    recipientName: "Camille",
    organizationName: "Acme",
    weekStart: "2025-03-03",
    stats: { created: 12, resolved: 9, medianFirstResponseMinutes: 210, slaBreaches: 2 },
    reportUrl: `${base}/reports/weekly`,
    preferencesUrl,
  },
  "report-ready": {
    recipientName: "Camille",
    reportName: "Tickets by tag, March",
    downloadUrl: `${base}/downloads/abc`,
    expiresAt: "2025-03-05T14:30:00.000Z",
    preferencesUrl,
  },
};
