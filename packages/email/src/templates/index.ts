import type { z } from "zod";
import * as dailyDigest from "./daily-digest.tsx";
import * as newMessage from "./new-message.tsx";
import * as passwordReset from "./password-reset.tsx";
import * as reportReady from "./report-ready.tsx";
import * as slaBreach from "./sla-breach.tsx";
import * as slaWarning from "./sla-warning.tsx";
import * as statusChanged from "./status-changed.tsx";
import * as ticketAssigned from "./ticket-assigned.tsx";
import * as ticketClosed from "./ticket-closed.tsx";
import * as ticketCreated from "./ticket-created.tsx";
import * as weeklyReport from "./weekly-report.tsx";
import * as welcome from "./welcome.tsx";

export { type Locale, localeSchema, locales } from "./shared/locale.ts";

/** Every e-mail the product sends, by the name jobs refer to it with. */
export const templates = {
  welcome,
  "password-reset": passwordReset,
  "ticket-created": ticketCreated,
  "new-message": newMessage,
  "ticket-assigned": ticketAssigned,
  "status-changed": statusChanged,
  "ticket-closed": ticketClosed,
  "sla-warning": slaWarning,
  "sla-breach": slaBreach,
  "daily-digest": dailyDigest,
  "weekly-report": weeklyReport,
  "report-ready": reportReady,
} as const;

export type TemplateName = keyof typeof templates;
/** What a caller passes (the schema's input; the template sees the parsed output). */
export type TemplateProps<N extends TemplateName> = z.input<(typeof templates)[N]["schema"]>;
export const templateNames = Object.keys(templates) as TemplateName[];
