import { z } from "zod";
import { ticketFields } from "./shared/fields.ts";
import { oneLine } from "./shared/format.ts";
import { EmailLayout } from "./shared/layout.tsx";
import { dictionary, type Locale } from "./shared/locale.ts";
import { ActionButton, Greeting, Paragraph, Quote, Title } from "./shared/ui.tsx";

/** One template, two readers: the customer gets a receipt, staff get the new ticket to pick up. */
export const schema = z.object({
  ...ticketFields,
  audience: z.enum(["customer", "staff"]),
  customerName: z.string().min(1),
  /** The ticket's first message, as the customer typed it. */
  body: z.string(),
});
type Props = z.output<typeof schema>;

const copy = dictionary({
  en: {
    customer: {
      subject: (n: number) => `We received your request #${n}`,
      intro:
        "Thank you for getting in touch. Our team will reply as soon as possible. Here is what you sent:",
      action: "View your request",
    },
    staff: {
      subject: (n: number, customer: string) => `New ticket #${n} from ${customer}`,
      intro: (customer: string) => `${customer} opened a new ticket:`,
      action: "Open the ticket",
    },
  },
  fr: {
    customer: {
      subject: (n: number) => `Nous avons bien reçu votre demande #${n}`,
      intro:
        "Merci de nous avoir contactés. Notre équipe vous répondra dans les meilleurs délais. Voici le message que vous avez envoyé :",
      action: "Voir votre demande",
    },
    staff: {
      subject: (n: number, customer: string) => `Nouveau ticket #${n} de ${customer}`,
      intro: (customer: string) => `${customer} a ouvert un nouveau ticket :`,
      action: "Ouvrir le ticket",
    },
  },
});

export function subject(props: Props, locale: Locale): string {
  const t = copy[locale];
  return oneLine(
    props.audience === "customer"
      ? t.customer.subject(props.ticketNumber)
      : t.staff.subject(props.ticketNumber, props.customerName),
  );
}

export function Email({ locale, ...props }: Props & { locale: Locale }) {
  const t = copy[locale];
  const intro = props.audience === "customer" ? t.customer.intro : t.staff.intro(props.customerName);
  const action = props.audience === "customer" ? t.customer.action : t.staff.action;
  return (
    <EmailLayout locale={locale} preview={props.subject} preferencesUrl={props.preferencesUrl}>
      <Title>{subject(props, locale)}</Title>
      <Greeting name={props.recipientName} locale={locale} />
      <Paragraph>{intro}</Paragraph>
      <Paragraph>
        <strong>{props.subject}</strong>
      </Paragraph>
      <Quote text={props.body} />
      <ActionButton href={props.ticketUrl}>{action}</ActionButton>
    </EmailLayout>
  );
}
