export type Locale = "en" | "fr";
export const locales: readonly Locale[] = ["en", "fr"];
/** Each language in its own words, as a language menu names them. */
export const localeNames: Record<Locale, string> = { en: "English", fr: "Français" };

/**
 * A feature's strings in both languages. French must name exactly the English keys, so a string
 * added in one language and forgotten in the other is a compile error.
 * `{name}` is replaced by a value; a key with `_one`/`_other` variants is chosen by count.
 */
export function defineMessages<const E extends Record<string, string>>(
  en: E,
  fr: { [K in keyof E]: string },
) {
  return { en, fr } as { en: E; fr: { [K in keyof E]: string } };
}

export type Messages = ReturnType<typeof defineMessages<Record<string, string>>>;
