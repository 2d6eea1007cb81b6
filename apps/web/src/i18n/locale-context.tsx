import { createContext, type ReactNode, useContext, useMemo } from "react";
import type { Locale } from "./define-messages.ts";

interface LocaleValue {
  locale: Locale;
  /** The organization's IANA zone: times read the same for everyone in it. */
  timeZone: string | undefined;
}

const LocaleContext = createContext<LocaleValue>({ locale: "en", timeZone: undefined });

export function LocaleProvider(props: { locale: Locale; timeZone?: string; children: ReactNode }) {
  const value = useMemo(
    () => ({ locale: props.locale, timeZone: props.timeZone }),
    [props.locale, props.timeZone],
  );
  return <LocaleContext value={value}>{props.children}</LocaleContext>;
}

export const useLocale = () => useContext(LocaleContext);

/** Before sign-in the browser's language decides; after, the user's `locale`. */
export function browserLocale(): Locale {
  const chosen = localStorage.getItem("helpdesk.locale");
  if (chosen === "en" || chosen === "fr") return chosen;
  return navigator.language.toLowerCase().startsWith("fr") ? "fr" : "en";
}
