import { useMe } from "../../auth/me-query.ts";
import { Card, PageTitle } from "../../components/ui/card.tsx";
import { useT } from "../../i18n/use-t.ts";
import { ReportsNav } from "../reports/reports-nav.tsx";
import { ExportRequestForm } from "./export-request-form.tsx";
import { ExportsTable } from "./exports-table.tsx";
import { exportsMessages } from "./messages.ts";

/** CSV exports (agents and admins): ask for one, and the list of the ones asked for. */
export function ExportsPage() {
  const t = useT(exportsMessages);
  const { user } = useMe();
  const listTitle = user.role === "admin" ? t("organizationExports") : t("yourExports");
  return (
    <>
      <PageTitle>{t("exports")}</PageTitle>
      <ReportsNav />
      <div className="space-y-6">
        <Card title={t("requestTitle")}>
          <p className="mb-4 text-sm text-slate-700">{t("requestIntro")}</p>
          <ExportRequestForm />
        </Card>
        <Card title={listTitle}>
          <ExportsTable caption={listTitle} />
        </Card>
      </div>
    </>
  );
}
