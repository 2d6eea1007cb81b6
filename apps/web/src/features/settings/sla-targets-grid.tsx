import type { ReactNode } from "react";
import { useT } from "../../i18n/use-t.ts";
import { ticketMessages } from "../tickets/messages.ts";
import { type Priority, priorities, type TargetKey, targetKeys } from "./sla-draft.ts";
import { slaMessages } from "./sla-messages.ts";

/** The priority × target table a policy is read and edited in; the caller fills each cell. */
export function SlaTargetsGrid(props: {
  cellClassName: string;
  rowHeaderClassName?: string;
  caption?: string;
  cell: (priority: Priority, key: TargetKey) => ReactNode;
}) {
  const t = useT(slaMessages);
  const tt = useT(ticketMessages);
  const { cellClassName: cell } = props;
  return (
    <table className="text-sm">
      {props.caption && <caption className="sr-only">{props.caption}</caption>}
      <thead>
        <tr>
          <th scope="col" className={cell}>
            {t("priority")}
          </th>
          {targetKeys.map((key) => (
            <th key={key} scope="col" className={cell}>
              {t(`target_${key}`)}
            </th>
          ))}
        </tr>
      </thead>
      <tbody>
        {priorities.map((priority) => (
          <tr key={priority}>
            <th scope="row" className={`${cell} ${props.rowHeaderClassName ?? ""} font-medium`}>
              {tt(`priority_${priority}`)}
            </th>
            {targetKeys.map((key) => (
              <td key={key} className={cell}>
                {props.cell(priority, key)}
              </td>
            ))}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
