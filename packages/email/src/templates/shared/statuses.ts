import type { TicketStatus } from "./fields.ts";
import { dictionary, type Locale } from "./locale.ts";

const labels = dictionary<Record<TicketStatus, string>>({
  en: { new: "New", open: "Open", pending: "Pending", resolved: "Resolved", closed: "Closed" },
  fr: { new: "Nouveau", open: "Ouvert", pending: "En attente", resolved: "Résolu", closed: "Fermé" },
});

export function statusLabel(status: TicketStatus, locale: Locale): string {
  return labels[locale][status];
}
