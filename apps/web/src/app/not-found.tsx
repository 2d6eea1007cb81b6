import { Link } from "@tanstack/react-router";
import { useDocumentTitle } from "../components/ui/use-document-title.ts";
import { useT } from "../i18n/use-t.ts";
import { shellMessages } from "./messages.ts";

export function NotFound() {
  const t = useT(shellMessages);
  useDocumentTitle(t("notFound"));
  return (
    <main id="main" className="mx-auto max-w-md p-10 text-center">
      <h1 className="mb-4 text-xl font-semibold">{t("notFound")}</h1>
      <Link to="/" className="text-indigo-700 underline">
        {t("goHome")}
      </Link>
    </main>
  );
}
