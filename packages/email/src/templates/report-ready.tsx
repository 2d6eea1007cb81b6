import { z } from "zod";
import { absoluteUrl, isoDateTime } from "./shared/fields.ts";
import { formatDateTime, oneLine } from "./shared/format.ts";
import { EmailLayout } from "./shared/layout.tsx";
import { dictionary, type Locale } from "./shared/locale.ts";
import { ActionButton, Greeting, Paragraph, Title } from "./shared/ui.tsx";

export const schema = z.object({
  recipientName: z.string().min(1),
  reportName: z.string().min(1),
  /**
   * The export's page in the web app, which gets a fresh download link for the signed-in member:
   * the e-mail itself carries no link to the file.
   */
  exportUrl: absoluteUrl,
  /** When the file is deleted. */
  expiresAt: isoDateTime,
  preferencesUrl: absoluteUrl,
});
type Props = z.output<typeof schema>;

const copy = dictionary({
  en: {
    subject: (report: string) => `Your report “${report}” is ready`,
    ready: (report: string) => `Your report “${report}” is ready to download.`,
    expires: (date: string) => `The file is kept until ${date}.`,
    action: "Open the report",
  },
  fr: {
    subject: (report: string) => `Votre rapport « ${report} » est prêt`,
    ready: (report: string) => `Votre rapport « ${report} » est prêt à être téléchargé.`,
    expires: (date: string) => `Le fichier est conservé jusqu’au ${date}.`,
    action: "Ouvrir le rapport",
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
      <ActionButton href={props.exportUrl}>{t.action}</ActionButton>
    </EmailLayout>
  );
}
