import { useCallback } from "react";
import { useLocale } from "./locale-context.tsx";

type Catalog = { en: Record<string, string>; fr: Record<string, string> };
type Key<M extends Catalog> = Extract<keyof M["en"], string>;
/** A key, or the stem of a key with `_one`/`_other` variants. */
type Stem<K extends string> = K extends `${infer S}_other` ? S : K;

const plurals = new Map<string, Intl.PluralRules>();
const numbers = new Map<string, Intl.NumberFormat>();

/** Numbers read as the locale writes them ("1,250", "1 250"); identifiers are passed as strings. */
function interpolate(text: string, values: Record<string, string | number> | undefined, locale: string) {
  if (!values) return text;
  const numberFormat = numbers.get(locale) ?? new Intl.NumberFormat(locale);
  numbers.set(locale, numberFormat);
  return text.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const value = values[name];
    if (value === undefined) return whole;
    return typeof value === "number" ? numberFormat.format(value) : value;
  });
}

/** The translate function for one feature's catalog, in the current locale. */
export function useT<M extends Catalog>(messages: M) {
  const { locale } = useLocale();
  return useCallback(
    (key: Stem<Key<M>>, values?: Record<string, string | number>): string => {
      const table = messages[locale];
      let text = table[key];
      if (text === undefined && typeof values?.count === "number") {
        const rules = plurals.get(locale) ?? new Intl.PluralRules(locale);
        plurals.set(locale, rules);
        const form = rules.select(values.count);
        text = table[`${key}_${form}`] ?? table[`${key}_other`];
      }
      return interpolate(text ?? key, values, locale);
    },
    [locale, messages],
  );
}
