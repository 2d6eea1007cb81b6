import { Outlet } from "@tanstack/react-router";
import { useRef } from "react";
import { localeNames, locales } from "../i18n/define-messages.ts";
import { useLocale } from "../i18n/locale-context.tsx";
import { useT } from "../i18n/use-t.ts";
import { shellMessages } from "./messages.ts";
import { chooseLocale } from "./root-layout.tsx";
import { useFocusOnNavigation } from "./use-focus-on-navigation.ts";

export function PublicLayout() {
  const t = useT(shellMessages);
  const { locale } = useLocale();
  const main = useRef<HTMLElement>(null);
  useFocusOnNavigation(main);
  return (
    <div className="flex min-h-screen flex-col items-center justify-center px-4 py-10">
      <main id="main" ref={main} tabIndex={-1} className="w-full max-w-md outline-none">
        <p className="mb-6 text-center text-2xl font-bold text-indigo-800">{t("product")}</p>
        <div className="rounded-lg border border-slate-200 bg-white p-6 shadow-sm">
          <Outlet />
        </div>
        <nav aria-label={t("language")} className="mt-4 flex justify-center gap-3 text-sm">
          {locales.map((option) => (
            <button
              key={option}
              type="button"
              lang={option}
              aria-pressed={option === locale}
              className="underline aria-pressed:font-semibold aria-pressed:no-underline"
              onClick={() => chooseLocale(option)}
            >
              {localeNames[option]}
            </button>
          ))}
        </nav>
      </main>
    </div>
  );
}
