import { z } from "zod";
import { isoDateTime, slaTarget, ticketFields } from "./shared/fields.ts";
import { formatDateTime, oneLine } from "./shared/format.ts";
import { EmailLayout } from "./shared/layout.tsx";
import { dictionary, type Locale } from "./shared/locale.ts";
import { ActionButton, Greeting, Paragraph, Title } from "./shared/ui.tsx";

/** Sent before an SLA target falls due; sla-breach takes the same props once it has passed. */
export const schema = z.object({
  ...ticketFields,
  target: slaTarget,
  dueAt: isoDateTime,
});
type Props = z.output<typeof schema>;

const copy = dictionary({
  en: {
    subject: {
      first_response: (n: number) => `SLA warning: first response due soon on ticket #${n}`,
      next_response: (n: number) => `SLA warning: reply due soon on ticket #${n}`,
      resolution: (n: number) => `SLA warning: resolution due soon on ticket #${n}`,
    },
    due: {
      first_response: (n: number, due: string) => `The first response to ticket #${n} is due by ${due}.`,
      next_response: (n: number, due: string) =>
        `The customer's last message on ticket #${n} needs a reply by ${due}.`,
      resolution: (n: number, due: string) => `Ticket #${n} must be resolved by ${due}.`,
    },
    action: "Open the ticket",
  },
  fr: {
    subject: {
      first_response: (n: number) => `Alerte SLA : première réponse attendue bientôt sur le ticket #${n}`,
      next_response: (n: number) => `Alerte SLA : réponse attendue bientôt sur le ticket #${n}`,
      resolution: (n: number) => `Alerte SLA : résolution attendue bientôt sur le ticket #${n}`,
    },
    due: {
      first_response: (n: number, due: string) =>
        `La première réponse au ticket #${n} est attendue avant le ${due}.`,
      next_response: (n: number, due: string) =>
        `Le dernier message du client sur le ticket #${n} attend une réponse avant le ${due}.`,
      resolution: (n: number, due: string) => `Le ticket #${n} doit être résolu avant le ${due}.`,
    },
    action: "Ouvrir le ticket",
  },
});

export function subject(props: Props, locale: Locale): string {
  return oneLine(copy[locale].subject[props.target](props.ticketNumber));
}

export function Email({ locale, ...props }: Props & { locale: Locale }) {
  const t = copy[locale];
  const due = t.due[props.target](props.ticketNumber, formatDateTime(props.dueAt, locale));
  return (
    <EmailLayout locale={locale} preview={due} preferencesUrl={props.preferencesUrl}>
      <Title>{props.subject}</Title>
      <Greeting name={props.recipientName} locale={locale} />
      <Paragraph>{due}</Paragraph>
      <ActionButton href={props.ticketUrl}>{t.action}</ActionButton>
    </EmailLayout>
  );
}
