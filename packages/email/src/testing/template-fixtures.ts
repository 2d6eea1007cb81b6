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
    setPasswordUrl: `${base}/reset-password?token=welcome-token`,
    expiresAt: "2025-03-12T14:30:00.000Z",
    preferencesUrl,
  },
  "password-reset": {
    recipientName: "Camille",
    organizationName: "Acme",
    resetUrl: `${base}/reset-password?token=reset-token`,
    expiresAt: "2025-03-05T14:30:00.000Z",
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
    from: "2025-03-05",
    to: "2025-03-05",
    counts: { new: 1200, resolved: 3, breached: 1 },
    tickets: [{ number: 42, subject: "Printer on fire", status: "pending", url: `${base}/tickets/42` }],
    moreTickets: 0,
    dashboardUrl: `${base}/dashboard`,
    preferencesUrl,
  },
  "weekly-report": {
    recipientName: "Camille",
    organizationName: "Acme",
    week: "2025-W10",
    weekStart: "2025-03-03",
    weekEnd: "2025-03-09",
    volume: {
      created: 12,
      resolved: 9,
      byStatus: { new: 1, open: 2, pending: 1, resolved: 3, closed: 5 },
      byPriority: { urgent: 1, high: 2, normal: 8, low: 1 },
    },
    sla: {
      firstResponseCompliance: 66.7,
      resolutionCompliance: null,
      medianFirstResponseMinutes: 210,
      medianResolutionMinutes: 1500,
    },
    agents: [
      {
        name: "Sam Agent",
        resolved: 1234,
        firstResponseCompliance: 50,
        resolutionCompliance: null,
        medianFirstResponseMinutes: 45,
      },
    ],
    reportUrl: `${base}/reports/weekly?week=2025-W10`,
    preferencesUrl,
  },
  "report-ready": {
    recipientName: "Camille",
    reportName: "Tickets by tag, March",
    exportUrl: `${base}/reports/exports/0b9c2f1e-5d8a-4c1b-9f3e-2a7d6c4b8e01`,
    expiresAt: "2025-03-05T14:30:00.000Z",
    preferencesUrl,
  },
};
