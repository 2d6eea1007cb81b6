import { z } from "zod";
import { absoluteUrl, isoDateTime } from "./shared/fields.ts";
import { formatDateTime, oneLine } from "./shared/format.ts";
import { EmailLayout } from "./shared/layout.tsx";
import { dictionary, type Locale } from "./shared/locale.ts";
import { ActionButton, Greeting, Paragraph, Title } from "./shared/ui.tsx";

export const schema = z.object({
  recipientName: z.string().min(1),
  reportName: z.string().min(1),
  /** A signed link that stops working at `expiresAt`, hence the date in the e-mail. */
  downloadUrl: absoluteUrl,
  expiresAt: isoDateTime,
  preferencesUrl: absoluteUrl,
});
type Props = z.output<typeof schema>;

const copy = dictionary({
  en: {
    subject: (report: string) => `Your report “${report}” is ready`,
    ready: (report: string) => `Your report “${report}” is ready to download.`,
    expires: (date: string) => `The download link expires on ${date}.`,
    action: "Download the report",
  },
  fr: {
    subject: (report: string) => `Votre rapport « ${report} » est prêt`,
    ready: (report: string) => `Votre rapport « ${report} » est prêt à être téléchargé.`,
    expires: (date: string) => `Le lien de téléchargement expire le ${date}.`,
    action: "Télécharger le rapport",
  },
});

export function subject(props: Props, locale: Locale): string {
  return oneLine(copy[locale].subject(props.reportName));
}

export function Email({ locale, ...props }: Props & { locale: Locale }) {
  const t = copy[locale];
  return (
    <EmailLayout locale={locale} preview={t.ready(props.reportName)} preferencesUrl={props.preferencesUrl}>
      <Title>{props.reportName}</Title>
      <Greeting name={props.recipientName} locale={locale} />
      <Paragraph>{t.ready(props.reportName)}</Paragraph>
      <Paragraph muted>{t.expires(formatDateTime(props.expiresAt, locale))}</Paragraph>
      <ActionButton href={props.downloadUrl}>{t.action}</ActionButton>
    </EmailLayout>
  );
}
