import { z } from "zod";
import { absoluteUrl, isoDateTime } from "./shared/fields.ts";
import { formatDateTime, oneLine } from "./shared/format.ts";
import { EmailLayout, PRODUCT_NAME } from "./shared/layout.tsx";
import { dictionary, type Locale } from "./shared/locale.ts";
import { ActionButton, Greeting, Paragraph, Title } from "./shared/ui.tsx";

export const schema = z.object({
  recipientName: z.string().min(1),
  organizationName: z.string().min(1),
  /** A single-use link that stops working at `expiresAt`, hence the date in the e-mail. */
  resetUrl: absoluteUrl,
  expiresAt: isoDateTime,
  preferencesUrl: absoluteUrl,
});
type Props = z.output<typeof schema>;

const copy = dictionary({
  en: {
    subject: (organization: string) => `Reset your ${PRODUCT_NAME} password for ${organization}`,
    asked: (organization: string) =>
      `Someone asked to reset the password of your account in ${organization}. If it was you, choose a new password.`,
    expires: (date: string) => `The link works once and expires on ${date}.`,
    ignore: "If you did not ask for this, ignore this e-mail: your password stays as it is.",
    action: "Choose a new password",
  },
  fr: {
    subject: (organization: string) =>
      `Réinitialisez votre mot de passe ${PRODUCT_NAME} pour ${organization}`,
    asked: (organization: string) =>
      `Quelqu’un a demandé à réinitialiser le mot de passe de votre compte dans ${organization}. Si c’est vous, choisissez un nouveau mot de passe.`,
    expires: (date: string) => `Le lien ne sert qu’une fois et expire le ${date}.`,
    ignore:
      "Si vous n’êtes pas à l’origine de cette demande, ignorez cet e-mail : votre mot de passe reste inchangé.",
    action: "Choisir un nouveau mot de passe",
  },
});

export function subject(props: Props, locale: Locale): string {
  return oneLine(copy[locale].subject(props.organizationName));
}

export function Email({ locale, ...props }: Props & { locale: Locale }) {
  const t = copy[locale];
  return (
    <EmailLayout
      locale={locale}
      preview={t.asked(props.organizationName)}
      preferencesUrl={props.preferencesUrl}
    >
      <Title>{t.subject(props.organizationName)}</Title>
      <Greeting name={props.recipientName} locale={locale} />
      <Paragraph>{t.asked(props.organizationName)}</Paragraph>
      <ActionButton href={props.resetUrl}>{t.action}</ActionButton>
      <Paragraph muted>{t.expires(formatDateTime(props.expiresAt, locale))}</Paragraph>
      <Paragraph muted>{t.ignore}</Paragraph>
    </EmailLayout>
  );
}
