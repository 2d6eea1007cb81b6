import type { z } from "zod";
import { formatDateTime, oneLine } from "./shared/format.ts";
import { EmailLayout } from "./shared/layout.tsx";
import { dictionary, type Locale } from "./shared/locale.ts";
import { ActionButton, Greeting, Paragraph, Title } from "./shared/ui.tsx";
import { schema } from "./sla-warning.tsx";

/** The same facts as the warning, told after the due time has passed. */
export { schema };

type Props = z.output<typeof schema>;

const copy = dictionary({
  en: {
    subject: {
      first_response: (n: number) => `SLA breached: first response overdue on ticket #${n}`,
      next_response: (n: number) => `SLA breached: reply overdue on ticket #${n}`,
      resolution: (n: number) => `SLA breached: resolution overdue on ticket #${n}`,
    },
    overdue: {
      first_response: (n: number, due: string) =>
        `The first response to ticket #${n} was due by ${due} and is now overdue.`,
      next_response: (n: number, due: string) =>
        `The customer's last message on ticket #${n} needed a reply by ${due}; it is now overdue.`,
      resolution: (n: number, due: string) =>
        `Ticket #${n} should have been resolved by ${due} and is now overdue.`,
    },
    action: "Open the ticket",
  },
  fr: {
    subject: {
      first_response: (n: number) => `SLA dépassé : première réponse en retard sur le ticket #${n}`,
      next_response: (n: number) => `SLA dépassé : réponse en retard sur le ticket #${n}`,
      resolution: (n: number) => `SLA dépassé : résolution en retard sur le ticket #${n}`,
    },
    overdue: {
      first_response: (n: number, due: string) =>
        `La première réponse au ticket #${n} était attendue avant le ${due} : le délai est dépassé.`,
      next_response: (n: number, due: string) =>
        `Le dernier message du client sur le ticket #${n} attendait une réponse avant le ${due} : le délai est dépassé.`,
      resolution: (n: number, due: string) =>
        `Le ticket #${n} aurait dû être résolu avant le ${due} : le délai est dépassé.`,
    },
    action: "Ouvrir le ticket",
  },
});

export function subject(props: Props, locale: Locale): string {
  return oneLine(copy[locale].subject[props.target](props.ticketNumber));
}

export function Email({ locale, ...props }: Props & { locale: Locale }) {
  const t = copy[locale];
  const overdue = t.overdue[props.target](props.ticketNumber, formatDateTime(props.dueAt, locale));
  return (
    <EmailLayout locale={locale} preview={overdue} preferencesUrl={props.preferencesUrl}>
      <Title>{props.subject}</Title>
      <Greeting name={props.recipientName} locale={locale} />
      <Paragraph>{overdue}</Paragraph>
      <ActionButton href={props.ticketUrl}>{t.action}</ActionButton>
    </EmailLayout>
  );
}
