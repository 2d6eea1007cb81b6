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
  /** The first and last local days the digest covers (the same day, but for Monday's on weekdays only). */
  from: isoDate,
  to: isoDate,
  counts: z.object({ new: count, resolved: count, breached: count }),
  /** The recipient's open tickets, oldest first, as many as the digest lists. */
  tickets: z
    .array(
      z.object({ number: ticketNumber, subject: z.string().min(1), status: ticketStatus, url: absoluteUrl }),
    )
    .max(50),
  /** Open tickets beyond the list ("and 12 more"). */
  moreTickets: count.default(0),
  dashboardUrl: absoluteUrl,
  preferencesUrl: absoluteUrl,
});
type Props = z.output<typeof schema>;

const copy = dictionary({
  en: {
    subject: (organization: string, days: string) => `Your daily digest for ${organization}: ${days}`,
    intro: (organization: string, days: string) => `Here is what happened at ${organization} on ${days}.`,
    through: (from: string, to: string) => `${from} to ${to}`,
    counts: { new: "New tickets", resolved: "Resolved", breached: "SLA breaches" },
    ticketsHeading: "Your open tickets, oldest first",
    noTickets: "You have no open tickets.",
    more: (n: string) => `And ${n} more.`,
    action: "Open the dashboard",
  },
  fr: {
    subject: (organization: string, days: string) =>
      `Votre récapitulatif quotidien pour ${organization} : ${days}`,
    intro: (organization: string, days: string) =>
      `Voici ce qui s’est passé chez ${organization} le ${days}.`,
    through: (from: string, to: string) => `${from} au ${to}`,
    counts: { new: "Nouveaux tickets", resolved: "Résolus", breached: "Dépassements de SLA" },
    ticketsHeading: "Vos tickets ouverts, du plus ancien au plus récent",
    noTickets: "Vous n’avez aucun ticket ouvert.",
    more: (n: string) => `Et ${n} de plus.`,
    action: "Ouvrir le tableau de bord",
  },
});

const countKeys = ["new", "resolved", "breached"] as const;

const days = (props: Props, locale: Locale, weekday: boolean) =>
  props.from === props.to
    ? formatDay(props.to, locale, { weekday })
    : copy[locale].through(
        formatDay(props.from, locale, { weekday }),
        formatDay(props.to, locale, { weekday }),
      );

export function subject(props: Props, locale: Locale): string {
  return oneLine(copy[locale].subject(props.organizationName, days(props, locale, false)));
}

export function Email({ locale, ...props }: Props & { locale: Locale }) {
  const t = copy[locale];
  const intro = t.intro(props.organizationName, days(props, locale, true));
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
      {props.moreTickets > 0 && (
        <Paragraph muted>{t.more(formatNumber(props.moreTickets, locale))}</Paragraph>
      )}
      <ActionButton href={props.dashboardUrl}>{t.action}</ActionButton>
    </EmailLayout>
  );
}
