import { Body } from "@react-email/body";
import { Container } from "@react-email/container";
import { Head } from "@react-email/head";
import { Hr } from "@react-email/hr";
import { Html } from "@react-email/html";
import { Link } from "@react-email/link";
import { Preview } from "@react-email/preview";
import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import type { ReactNode } from "react";
import { dictionary, type Locale } from "./locale.ts";

export const PRODUCT_NAME = "Helpdesk";

const copy = dictionary({
  en: {
    why: "You are receiving this e-mail because of your notification settings.",
    preferences: "Manage notification preferences",
  },
  fr: {
    why: "Vous recevez cet e-mail en raison de vos paramètres de notification.",
    preferences: "Gérer les préférences de notification",
  },
});

/**
 * The frame every e-mail shares: product header, content, and a footer that always links to the
 * recipient's notification preferences, so any e-mail can be turned off from the e-mail itself.
 */
export function EmailLayout(props: {
  locale: Locale;
  /** The line inboxes show next to the subject. */
  preview: string;
  preferencesUrl: string;
  children: ReactNode;
}) {
  const t = copy[props.locale];
  return (
    <Html lang={props.locale}>
      <Head />
      <Preview>{props.preview}</Preview>
      <Body style={{ backgroundColor: "#f5f7fa", fontFamily: "Helvetica, Arial, sans-serif", margin: 0 }}>
        <Container
          style={{ backgroundColor: "#ffffff", maxWidth: "600px", margin: "24px auto", padding: "24px" }}
        >
          <Section style={{ marginBottom: "16px" }}>
            <Text style={{ fontSize: "18px", fontWeight: 700, color: "#2563eb", margin: 0 }}>
              {PRODUCT_NAME}
            </Text>
          </Section>
          <Section>{props.children}</Section>
          <Hr style={{ borderColor: "#e4e7eb", margin: "24px 0 16px" }} />
          <Section>
            <Text style={{ fontSize: "12px", lineHeight: "18px", color: "#616e7c", margin: "0 0 4px" }}>
              {t.why}
            </Text>
            <Link href={props.preferencesUrl} style={{ fontSize: "12px", color: "#2563eb" }}>
              {t.preferences}
            </Link>
          </Section>
        </Container>
      </Body>
    </Html>
  );
}
