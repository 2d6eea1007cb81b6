import { Button } from "@react-email/button";
import { Heading } from "@react-email/heading";
import { Section } from "@react-email/section";
import { Text } from "@react-email/text";
import { type CSSProperties, Fragment, type ReactNode } from "react";
import { dictionary, type Locale } from "./locale.ts";

/**
 * The few building blocks every template is made of, styled inline: most mail clients drop <style>
 * blocks, so react-email components with `style` props are the portable way to look the same everywhere.
 */
const colors = { text: "#1f2933", muted: "#616e7c", accent: "#2563eb", border: "#e4e7eb", note: "#fff7e6" };

export function Title({ children }: { children: ReactNode }) {
  return (
    <Heading as="h1" style={{ fontSize: "20px", lineHeight: "28px", color: colors.text, margin: "0 0 16px" }}>
      {children}
    </Heading>
  );
}

const greetings = dictionary({ en: "Hello", fr: "Bonjour" });

export function Greeting({ name, locale }: { name: string; locale: Locale }) {
  return <Paragraph>{`${greetings[locale]} ${name},`}</Paragraph>;
}

export function Paragraph({ children, muted = false }: { children: ReactNode; muted?: boolean }) {
  return (
    <Text
      style={{
        fontSize: "15px",
        lineHeight: "24px",
        color: muted ? colors.muted : colors.text,
        margin: "0 0 12px",
      }}
    >
      {children}
    </Text>
  );
}

export function ActionButton({ href, children }: { href: string; children: ReactNode }) {
  return (
    <Section style={{ margin: "24px 0" }}>
      <Button
        href={href}
        style={{
          backgroundColor: colors.accent,
          borderRadius: "6px",
          color: "#ffffff",
          fontSize: "15px",
          fontWeight: 600,
          padding: "12px 20px",
          textDecoration: "none",
        }}
      >
        {children}
      </Button>
    </Section>
  );
}

/**
 * User-written plain text (a ticket's first message, a reply). Line breaks are kept as <br>, so the
 * HTML and the plain-text part show the paragraphs the author typed; React escapes the content.
 */
export function Quote({ text, highlighted = false }: { text: string; highlighted?: boolean }) {
  const style: CSSProperties = {
    borderLeft: `3px solid ${highlighted ? "#f5a623" : colors.border}`,
    backgroundColor: highlighted ? colors.note : "transparent",
    padding: "8px 12px",
    margin: "0 0 16px",
    fontSize: "15px",
    lineHeight: "24px",
    color: colors.text,
  };
  const lines = text.split(/\r?\n/);
  return (
    <Text style={style}>
      {lines.map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: lines have no identity but their position, and never reorder
        <Fragment key={index}>
          {index > 0 && <br />}
          {line}
        </Fragment>
      ))}
    </Text>
  );
}

export const tableCell: CSSProperties = {
  borderBottom: `1px solid ${colors.border}`,
  padding: "8px 4px",
  fontSize: "14px",
  lineHeight: "20px",
  color: colors.text,
  textAlign: "left",
};
