import { useQuery } from "@tanstack/react-query";
import { Outlet } from "@tanstack/react-router";
import { useEffect, useState } from "react";
import { meQuery, useToken } from "../auth/me-query.ts";
import { Toaster } from "../components/ui/toaster.tsx";
import type { Locale } from "../i18n/define-messages.ts";
import { browserLocale, LocaleProvider } from "../i18n/locale-context.tsx";
import { useT } from "../i18n/use-t.ts";
import { shellMessages } from "./messages.ts";

/** Language and time zone for every page: the user's and organization's once signed in. */
export function RootLayout() {
  const token = useToken();
  const { data: me } = useQuery({ ...meQuery, enabled: token !== null });
  const [chosen, setChosen] = useState<Locale>(browserLocale);
  const locale = (token && me?.user.locale) || chosen;
  useEffect(() => {
    document.documentElement.lang = locale;
  }, [locale]);
  useEffect(() => {
    const onChoice = () => setChosen(browserLocale());
    window.addEventListener("helpdesk:locale", onChoice);
    return () => window.removeEventListener("helpdesk:locale", onChoice);
  }, []);
  return (
    <LocaleProvider locale={locale} {...(token && me ? { timeZone: me.organization.timezone } : {})}>
      <Outlet />
      <RootToaster />
    </LocaleProvider>
  );
}

function RootToaster() {
  const t = useT(shellMessages);
  return <Toaster closeLabel={t("close")} />;
}

/** Signed-out pages offer the language choice; it is remembered in this browser. */
export function chooseLocale(locale: Locale) {
  localStorage.setItem("helpdesk.locale", locale);
  window.dispatchEvent(new Event("helpdesk:locale"));
}
