import { z } from "zod";
import { ticketFields, ticketStatus } from "./shared/fields.ts";
import { oneLine } from "./shared/format.ts";
import { EmailLayout } from "./shared/layout.tsx";
import { dictionary, type Locale } from "./shared/locale.ts";
import { statusLabel } from "./shared/statuses.ts";
import { ActionButton, Greeting, Paragraph, Title } from "./shared/ui.tsx";

export const schema = z.object({
  ...ticketFields,
  fromStatus: ticketStatus,
  toStatus: ticketStatus,
});
type Props = z.output<typeof schema>;

const copy = dictionary({
  en: {
    subject: (n: number, status: string, subject: string) => `Ticket #${n} is now ${status}: ${subject}`,
    change: (n: number, from: string, to: string) =>
      `The status of ticket #${n} changed from “${from}” to “${to}”.`,
    action: "View the ticket",
  },
  fr: {
    subject: (n: number, status: string, subject: string) =>
      `Ticket #${n} : statut « ${status} » – ${subject}`,
    change: (n: number, from: string, to: string) =>
      `Le statut du ticket #${n} est passé de « ${from} » à « ${to} ».`,
    action: "Voir le ticket",
  },
});

export function subject(props: Props, locale: Locale): string {
  return oneLine(
    copy[locale].subject(props.ticketNumber, statusLabel(props.toStatus, locale), props.subject),
  );
}

export function Email({ locale, ...props }: Props & { locale: Locale }) {
  const t = copy[locale];
  const change = t.change(
    props.ticketNumber,
    statusLabel(props.fromStatus, locale),
    statusLabel(props.toStatus, locale),
  );
  return (
    <EmailLayout locale={locale} preview={change} preferencesUrl={props.preferencesUrl}>
      <Title>{props.subject}</Title>
      <Greeting name={props.recipientName} locale={locale} />
      <Paragraph>{change}</Paragraph>
      <ActionButton href={props.ticketUrl}>{t.action}</ActionButton>
    </EmailLayout>
  );
}
