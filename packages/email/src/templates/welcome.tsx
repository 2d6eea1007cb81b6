import { z } from "zod";
import { absoluteUrl } from "./shared/fields.ts";
import { oneLine } from "./shared/format.ts";
import { EmailLayout, PRODUCT_NAME } from "./shared/layout.tsx";
import { dictionary, type Locale } from "./shared/locale.ts";
import { ActionButton, Greeting, Paragraph, Title } from "./shared/ui.tsx";

export const schema = z.object({
  recipientName: z.string().min(1),
  organizationName: z.string().min(1),
  loginUrl: absoluteUrl,
  preferencesUrl: absoluteUrl,
});
type Props = z.output<typeof schema>;

const copy = dictionary({
  en: {
    subject: (organization: string) => `Welcome to ${organization} on ${PRODUCT_NAME}`,
    intro: (organization: string) =>
      `Your account in ${organization} is ready. You can now follow tickets, answer customers and see what needs your attention.`,
    action: "Log in",
  },
  fr: {
    subject: (organization: string) => `Bienvenue dans ${organization} sur ${PRODUCT_NAME}`,
    intro: (organization: string) =>
      `Votre compte dans ${organization} est prêt. Vous pouvez dès maintenant suivre les tickets, répondre aux clients et voir ce qui demande votre attention.`,
    action: "Se connecter",
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
      <ActionButton href={props.loginUrl}>{t.action}</ActionButton>
    </EmailLayout>
  );
}
