import { z } from "zod";
import { ticketFields } from "./shared/fields.ts";
import { oneLine } from "./shared/format.ts";
import { EmailLayout } from "./shared/layout.tsx";
import { dictionary, type Locale } from "./shared/locale.ts";
import { ActionButton, Greeting, Paragraph, Title } from "./shared/ui.tsx";

export const schema = z.object({
  ...ticketFields,
  /** "auto": the inactivity scan closed it, which the reader should not mistake for someone's decision. */
  reason: z.enum(["manual", "auto"]),
});
type Props = z.output<typeof schema>;

const copy = dictionary({
  en: {
    subject: (n: number, subject: string) => `Ticket #${n} closed: ${subject}`,
    manual: (n: number) => `Ticket #${n} has been closed.`,
    auto: (n: number) => `Ticket #${n} was closed automatically after a period of inactivity.`,
    after: "You can still read the whole conversation.",
    action: "View the ticket",
  },
  fr: {
    subject: (n: number, subject: string) => `Ticket #${n} fermé : ${subject}`,
    manual: (n: number) => `Le ticket #${n} a été fermé.`,
    auto: (n: number) => `Le ticket #${n} a été fermé automatiquement après une période d’inactivité.`,
    after: "Vous pouvez toujours consulter l’ensemble de la conversation.",
    action: "Voir le ticket",
  },
});

export function subject(props: Props, locale: Locale): string {
  return oneLine(copy[locale].subject(props.ticketNumber, props.subject));
}

export function Email({ locale, ...props }: Props & { locale: Locale }) {
  const t = copy[locale];
  const sentence = props.reason === "auto" ? t.auto(props.ticketNumber) : t.manual(props.ticketNumber);
  return (
    <EmailLayout locale={locale} preview={sentence} preferencesUrl={props.preferencesUrl}>
      <Title>{props.subject}</Title>
      <Greeting name={props.recipientName} locale={locale} />
      <Paragraph>{sentence}</Paragraph>
      <Paragraph>{t.after}</Paragraph>
      <ActionButton href={props.ticketUrl}>{t.action}</ActionButton>
    </EmailLayout>
  );
}
