import { Link } from "@react-email/link";
import { z } from "zod";
import { absoluteUrl, count, isoDate, ticketNumber, ticketStatus } from "./shared/fields.ts";
import { formatDay, formatNumber, oneLine } from "./shared/format.ts";
import { EmailLayout } from "./shared/layout.tsx";
import { dictionary, type Locale } from "./shared/locale.ts";
import { statusLabel } from "./shared/statuses.ts";
import { ActionButton, Greeting, Paragraph, Title, tableCell } from "./shared/ui.tsx";

export const schema = z.object({
  recipientName: z.string().min(1),
  organizationName: z.string().min(1),
  date: isoDate,
  counts: z.object({ new: count, open: count, pending: count, breached: count }),
  /** The tickets worth a look, already chosen and ordered by the digest job. */
  tickets: z
    .array(
      z.object({ number: ticketNumber, subject: z.string().min(1), status: ticketStatus, url: absoluteUrl }),
    )
    .max(50),
  dashboardUrl: absoluteUrl,
  preferencesUrl: absoluteUrl,
});
type Props = z.output<typeof schema>;

const copy = dictionary({
  en: {
    subject: (organization: string, day: string) => `Your daily digest for ${organization}: ${day}`,
    intro: (organization: string, day: string) => `Here is where ${organization} stands on ${day}.`,
    counts: { new: "New", open: "Open", pending: "Pending", breached: "SLA breached" },
    ticketsHeading: "Tickets that need your attention",
    noTickets: "No tickets need your attention today.",
    action: "Open the dashboard",
  },
  fr: {
    subject: (organization: string, day: string) =>
      `Votre récapitulatif quotidien pour ${organization} : ${day}`,
    intro: (organization: string, day: string) => `Voici où en est ${organization} ce ${day}.`,
    counts: { new: "Nouveaux", open: "Ouverts", pending: "En attente", breached: "SLA dépassé" },
    ticketsHeading: "Tickets qui demandent votre attention",
    noTickets: "Aucun ticket ne demande votre attention aujourd’hui.",
    action: "Ouvrir le tableau de bord",
  },
});

const countKeys = ["new", "open", "pending", "breached"] as const;

export function subject(props: Props, locale: Locale): string {
  return oneLine(copy[locale].subject(props.organizationName, formatDay(props.date, locale)));
}

export function Email({ locale, ...props }: Props & { locale: Locale }) {
  const t = copy[locale];
  const intro = t.intro(props.organizationName, formatDay(props.date, locale, { weekday: true }));
  return (
    <EmailLayout locale={locale} preview={intro} preferencesUrl={props.preferencesUrl}>
      <Title>{props.organizationName}</Title>
      <Greeting name={props.recipientName} locale={locale} />
      <Paragraph>{intro}</Paragraph>
      <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} data-text-format="dataTable">
        <tbody>
          {countKeys.map((key) => (
            <tr key={key}>
              <td style={tableCell}>{t.counts[key]}</td>
              <td style={{ ...tableCell, textAlign: "right" }}>{formatNumber(props.counts[key], locale)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <Paragraph>
        <strong>{t.ticketsHeading}</strong>
      </Paragraph>
      {props.tickets.length === 0 ? (
        <Paragraph muted>{t.noTickets}</Paragraph>
      ) : (
        <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} data-text-format="dataTable">
          <tbody>
            {props.tickets.map((ticket) => (
              <tr key={ticket.number}>
                <td style={tableCell}>
                  <Link href={ticket.url}>{`#${ticket.number} ${ticket.subject}`}</Link>
                </td>
                <td style={{ ...tableCell, textAlign: "right" }}>{statusLabel(ticket.status, locale)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ActionButton href={props.dashboardUrl}>{t.action}</ActionButton>
    </EmailLayout>
  );
}
