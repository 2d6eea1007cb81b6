import { Fragment } from "react";
import { z } from "zod";
import { isoDateTime, ticketFields } from "./shared/fields.ts";
import { formatDateTime, oneLine } from "./shared/format.ts";
import { EmailLayout } from "./shared/layout.tsx";
import { dictionary, type Locale } from "./shared/locale.ts";
import { ActionButton, Greeting, Paragraph, Quote, Title } from "./shared/ui.tsx";

/**
 * Replies batched into one e-mail (the notification job collects the messages that arrived since the
 * last one). Whether internal notes belong in the list is the caller's decision: this template only
 * marks them, so a staff reader can tell them from what the customer saw.
 */
export const schema = z.object({
  ...ticketFields,
  messages: z
    .array(
      z.object({
        /** The message's id: its key in the list. */
        id: z.string().min(1),
        authorName: z.string().min(1),
        body: z.string(),
        createdAt: isoDateTime,
        internal: z.boolean(),
      }),
    )
    .min(1)
    .max(50),
});
type Props = z.output<typeof schema>;

const copy = dictionary({
  en: {
    subject: (count: number, n: number, subject: string) =>
      count === 1
        ? `New message on ticket #${n}: ${subject}`
        : `${count} new messages on ticket #${n}: ${subject}`,
    intro: (count: number, n: number) =>
      count === 1
        ? `There is a new message on ticket #${n}.`
        : `There are ${count} new messages on ticket #${n}.`,
    internal: "Internal note",
    action: "View the ticket",
  },
  fr: {
    subject: (count: number, n: number, subject: string) =>
      count === 1
        ? `Nouveau message sur le ticket #${n} : ${subject}`
        : `${count} nouveaux messages sur le ticket #${n} : ${subject}`,
    intro: (count: number, n: number) =>
      count === 1
        ? `Un nouveau message a été ajouté au ticket #${n}.`
        : `${count} nouveaux messages ont été ajoutés au ticket #${n}.`,
    internal: "Note interne",
    action: "Voir le ticket",
  },
});

export function subject(props: Props, locale: Locale): string {
  return oneLine(copy[locale].subject(props.messages.length, props.ticketNumber, props.subject));
}

export function Email({ locale, ...props }: Props & { locale: Locale }) {
  const t = copy[locale];
  return (
    <EmailLayout
      locale={locale}
      preview={t.intro(props.messages.length, props.ticketNumber)}
      preferencesUrl={props.preferencesUrl}
    >
      <Title>{props.subject}</Title>
      <Greeting name={props.recipientName} locale={locale} />
      <Paragraph>{t.intro(props.messages.length, props.ticketNumber)}</Paragraph>
      {props.messages.map((message) => (
        <Fragment key={message.id}>
          <Paragraph muted>
            <strong>{message.authorName}</strong> · {formatDateTime(message.createdAt, locale)}
            {message.internal && <strong> · {t.internal}</strong>}
          </Paragraph>
          <Quote text={message.body} highlighted={message.internal} />
        </Fragment>
      ))}
      <ActionButton href={props.ticketUrl}>{t.action}</ActionButton>
    </EmailLayout>
  );
}
