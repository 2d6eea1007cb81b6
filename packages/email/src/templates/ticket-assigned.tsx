import { z } from "zod";
import { ticketFields } from "./shared/fields.ts";
import { oneLine } from "./shared/format.ts";
import { EmailLayout } from "./shared/layout.tsx";
import { dictionary, type Locale } from "./shared/locale.ts";
import { ActionButton, Greeting, Paragraph, Title } from "./shared/ui.tsx";

export const schema = z.object({
  ...ticketFields,
  /** Null when the ticket was assigned by a rule rather than a person. */
  assignedByName: z.string().min(1).nullable(),
});
type Props = z.output<typeof schema>;

const copy = dictionary({
  en: {
    subject: (n: number, subject: string) => `Ticket #${n} assigned to you: ${subject}`,
    byPerson: (name: string, n: number) => `${name} assigned ticket #${n} to you.`,
    byRule: (n: number) => `Ticket #${n} has been assigned to you.`,
    action: "View the ticket",
  },
  fr: {
    subject: (n: number, subject: string) => `Le ticket #${n} vous a été attribué : ${subject}`,
    byPerson: (name: string, n: number) => `${name} vous a attribué le ticket #${n}.`,
    byRule: (n: number) => `Le ticket #${n} vous a été attribué.`,
    action: "Voir le ticket",
  },
});

export function subject(props: Props, locale: Locale): string {
  return oneLine(copy[locale].subject(props.ticketNumber, props.subject));
}

export function Email({ locale, ...props }: Props & { locale: Locale }) {
  const t = copy[locale];
  const sentence =
    props.assignedByName === null
      ? t.byRule(props.ticketNumber)
      : t.byPerson(props.assignedByName, props.ticketNumber);
  return (
    <EmailLayout locale={locale} preview={sentence} preferencesUrl={props.preferencesUrl}>
      <Title>{props.subject}</Title>
      <Greeting name={props.recipientName} locale={locale} />
      <Paragraph>{sentence}</Paragraph>
      <ActionButton href={props.ticketUrl}>{t.action}</ActionButton>
    </EmailLayout>
  );
}
