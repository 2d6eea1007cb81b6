import { useQuery } from "@tanstack/react-query";
import { Card } from "../../components/ui/card.tsx";
import { useFormat } from "../../i18n/use-format.ts";
import { useT } from "../../i18n/use-t.ts";
import { ticketMessages } from "./messages.ts";
import { SlaBadge } from "./sla-badge.tsx";
import { slaTargetNames } from "./sla-deadline.ts";
import { slaPoliciesQuery, type TicketDetail } from "./ticket-queries.ts";

/** Each SLA target of the ticket: when it is due, and its state with the time left (staff only). */
export function SlaPanel(props: { ticket: TicketDetail }) {
  const t = useT(ticketMessages);
  const format = useFormat();
  const { sla } = props.ticket;
  const policies = useQuery(slaPoliciesQuery);
  const policy = sla ? policies.data?.data.find((p) => p.id === sla.policyId) : undefined;
  return (
    <Card title={t("slaTitle")}>
      {!sla ? (
        <p className="text-sm text-slate-700">{t("noSla")}</p>
      ) : (
        <>
          {policy && <p className="mb-2 text-sm text-slate-700">{t("underPolicy", { name: policy.name })}</p>}
          <table className="w-full text-left text-sm">
            <thead className="text-slate-700">
              <tr>
                <th scope="col" className="py-1 pr-2 font-medium">
                  {t("slaTarget")}
                </th>
                <th scope="col" className="py-1 pr-2 font-medium">
                  {t("slaDue")}
                </th>
                <th scope="col" className="py-1 font-medium">
                  {t("slaRemaining")}
                </th>
              </tr>
            </thead>
            <tbody>
              {slaTargetNames.map((name) => {
                const target = sla[name];
                return (
                  <tr key={name} className="border-t border-slate-100 align-top">
                    <th scope="row" className="py-2 pr-2 font-normal text-slate-900">
                      {t(`target_${name}`)}
                    </th>
                    <td className="py-2 pr-2 text-slate-700">
                      {!target ? "—" : target.dueAt ? format.dateTime(target.dueAt) : t("noDueWhilePaused")}
                    </td>
                    <td className="py-2">
                      {target ? (
                        <SlaBadge target={target} name={name} />
                      ) : (
                        <span className="text-slate-600">{t("notRunning")}</span>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </>
      )}
    </Card>
  );
}
