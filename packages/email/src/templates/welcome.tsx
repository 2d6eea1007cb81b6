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
  setPasswordUrl: absoluteUrl,
  expiresAt: isoDateTime,
  preferencesUrl: absoluteUrl,
});
type Props = z.output<typeof schema>;

const copy = dictionary({
  en: {
    subject: (organization: string) => `Welcome to ${organization} on ${PRODUCT_NAME}`,
    intro: (organization: string) =>
      `Your account in ${organization} is ready. You can now follow tickets, answer customers and see what needs your attention.`,
    choose: "Choose your password to log in for the first time.",
    expires: (date: string) =>
      `The link works once and expires on ${date}. After that, use “Forgot your password?” on the log-in page.`,
    action: "Set your password",
  },
  fr: {
    subject: (organization: string) => `Bienvenue dans ${organization} sur ${PRODUCT_NAME}`,
    intro: (organization: string) =>
      `Votre compte dans ${organization} est prêt. Vous pouvez dès maintenant suivre les tickets, répondre aux clients et voir ce qui demande votre attention.`,
    choose: "Choisissez votre mot de passe pour vous connecter la première fois.",
    expires: (date: string) =>
      `Le lien ne sert qu’une fois et expire le ${date}. Ensuite, utilisez « Mot de passe oublié ? » sur la page de connexion.`,
    action: "Choisir mon mot de passe",
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
      preview={t.intro(props.organizationName)}
      preferencesUrl={props.preferencesUrl}
    >
      <Title>{t.subject(props.organizationName)}</Title>
      <Greeting name={props.recipientName} locale={locale} />
      <Paragraph>{t.intro(props.organizationName)}</Paragraph>
      <Paragraph>{t.choose}</Paragraph>
      <ActionButton href={props.setPasswordUrl}>{t.action}</ActionButton>
      <Paragraph muted>{t.expires(formatDateTime(props.expiresAt, locale))}</Paragraph>
    </EmailLayout>
  );
}
