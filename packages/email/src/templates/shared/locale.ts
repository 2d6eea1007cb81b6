import { z } from "zod";

export const locales = ["en", "fr"] as const;
export type Locale = (typeof locales)[number];
export const localeSchema = z.enum(locales);

/**
 * A template's strings, one entry per locale. Going through this function (rather than a bare object)
 * makes a string missing from one language a type error instead of an `undefined` in someone's inbox.
 */
export function dictionary<T>(entries: Record<Locale, T>): Record<Locale, T> {
  return entries;
}
