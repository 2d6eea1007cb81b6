import { z } from "zod";
import { absoluteUrl, count, isoDate, ticketStatuses } from "./shared/fields.ts";
import { formatDay, formatMinutes, formatNumber, oneLine } from "./shared/format.ts";
import { EmailLayout } from "./shared/layout.tsx";
import { dictionary, type Locale } from "./shared/locale.ts";
import { statusLabel } from "./shared/statuses.ts";
import { ActionButton, Greeting, Paragraph, Title, tableCell } from "./shared/ui.tsx";

const priorities = ["urgent", "high", "normal", "low"] as const;
/** Percent of SLA runs met, one decimal; null when no run was judged. */
const compliance = z.number().min(0).max(100).nullable();
/** Null when nothing was met that week: there is no median to show. */
const minutes = z.number().nonnegative().nullable();

export const schema = z.object({
  recipientName: z.string().min(1),
  organizationName: z.string().min(1),
  week: z.string().regex(/^\d{4}-W\d{2}$/),
  /** The week's Monday and Sunday, organization time. */
  weekStart: isoDate,
  weekEnd: isoDate,
  volume: z.object({
    created: count,
    resolved: count,
    /** The tickets created that week, by their status now. */
    byStatus: z.object({ new: count, open: count, pending: count, resolved: count, closed: count }),
    byPriority: z.object({ urgent: count, high: count, normal: count, low: count }),
  }),
  sla: z.object({
    firstResponseCompliance: compliance,
    resolutionCompliance: compliance,
    medianFirstResponseMinutes: minutes,
    medianResolutionMinutes: minutes,
  }),
  agents: z
    .array(
      z.object({
        name: z.string().min(1),
        resolved: count,
        firstResponseCompliance: compliance,
        resolutionCompliance: compliance,
        medianFirstResponseMinutes: minutes,
      }),
    )
    .max(200),
  reportUrl: absoluteUrl,
  preferencesUrl: absoluteUrl,
});
type Props = z.output<typeof schema>;

const copy = dictionary({
  en: {
    subject: (organization: string, week: string) => `Weekly report for ${organization}: week of ${week}`,
    intro: (organization: string, from: string, to: string) =>
      `Here is how ${organization} did from ${from} to ${to}.`,
    volume: "Volume",
    created: "Tickets created",
    resolved: "Tickets resolved",
    byStatus: "Created this week, by status now",
    byPriority: "Created this week, by priority",
    priorities: { urgent: "Urgent", high: "High", normal: "Normal", low: "Low" },
    sla: "SLA",
    firstResponseCompliance: "First responses on time",
    resolutionCompliance: "Resolutions on time",
    medianFirstResponse: "Median first response time",
    medianResolution: "Median resolution time",
    none: "None this week",
    agents: "Per agent",
    agentColumns: [
      "Agent",
      "Resolved",
      "First responses on time",
      "Resolutions on time",
      "Median first response",
    ],
    noAgents: "No agent activity this week.",
    action: "See the full report",
  },
  fr: {
    subject: (organization: string, week: string) =>
      `Rapport hebdomadaire pour ${organization} : semaine du ${week}`,
    intro: (organization: string, from: string, to: string) =>
      `Voici le bilan de ${organization} du ${from} au ${to}.`,
    volume: "Volume",
    created: "Tickets créés",
    resolved: "Tickets résolus",
    byStatus: "Créés cette semaine, par statut actuel",
    byPriority: "Créés cette semaine, par priorité",
    priorities: { urgent: "Urgente", high: "Haute", normal: "Normale", low: "Basse" },
    sla: "SLA",
    firstResponseCompliance: "Premières réponses dans les délais",
    resolutionCompliance: "Résolutions dans les délais",
    medianFirstResponse: "Délai médian de première réponse",
    medianResolution: "Délai médian de résolution",
    none: "Aucune cette semaine",
    agents: "Par agent",
    agentColumns: [
      "Agent",
      "Résolus",
      "Premières réponses dans les délais",
      "Résolutions dans les délais",
      "Première réponse médiane",
    ],
    noAgents: "Aucune activité d’agent cette semaine.",
    action: "Voir le rapport complet",
  },
});

const percent = (value: number | null, locale: Locale, none: string) =>
  value === null
    ? none
    : new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 1 }).format(value / 100);
const duration = (value: number | null, locale: Locale, none: string) =>
  value === null ? none : formatMinutes(value, locale);

export function subject(props: Props, locale: Locale): string {
  return oneLine(copy[locale].subject(props.organizationName, formatDay(props.weekStart, locale)));
}

function Rows({ rows }: { rows: [string, string][] }) {
  return (
    <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} data-text-format="dataTable">
      <tbody>
        {rows.map(([label, value]) => (
          <tr key={label}>
            <td style={tableCell}>{label}</td>
            <td style={{ ...tableCell, textAlign: "right" }}>{value}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function Email({ locale, ...props }: Props & { locale: Locale }) {
  const t = copy[locale];
  const { volume, sla } = props;
  const n = (value: number) => formatNumber(value, locale);
  const intro = t.intro(
    props.organizationName,
    formatDay(props.weekStart, locale),
    formatDay(props.weekEnd, locale),
  );
  return (
    <EmailLayout locale={locale} preview={intro} preferencesUrl={props.preferencesUrl}>
      <Title>{props.organizationName}</Title>
      <Greeting name={props.recipientName} locale={locale} />
      <Paragraph>{intro}</Paragraph>
      <Paragraph>
        <strong>{t.volume}</strong>
      </Paragraph>
      <Rows
        rows={[
          [t.created, n(volume.created)],
          [t.resolved, n(volume.resolved)],
        ]}
      />
      <Paragraph muted>{t.byStatus}</Paragraph>
      <Rows
        rows={ticketStatuses.map((status) => [statusLabel(status, locale), n(volume.byStatus[status])])}
      />
      <Paragraph muted>{t.byPriority}</Paragraph>
      <Rows rows={priorities.map((priority) => [t.priorities[priority], n(volume.byPriority[priority])])} />
      <Paragraph>
        <strong>{t.sla}</strong>
      </Paragraph>
      <Rows
        rows={[
          [t.firstResponseCompliance, percent(sla.firstResponseCompliance, locale, t.none)],
          [t.resolutionCompliance, percent(sla.resolutionCompliance, locale, t.none)],
          [t.medianFirstResponse, duration(sla.medianFirstResponseMinutes, locale, t.none)],
          [t.medianResolution, duration(sla.medianResolutionMinutes, locale, t.none)],
        ]}
      />
      <Paragraph>
        <strong>{t.agents}</strong>
      </Paragraph>
      {props.agents.length === 0 ? (
        <Paragraph muted>{t.noAgents}</Paragraph>
      ) : (
        <table role="presentation" width="100%" cellPadding={0} cellSpacing={0} data-text-format="dataTable">
          <tbody>
            <tr>
              {t.agentColumns.map((column) => (
                <th key={column} style={tableCell}>
                  {column}
                </th>
              ))}
            </tr>
            {props.agents.map((agent) => (
              <tr key={agent.name}>
                <td style={tableCell}>{agent.name}</td>
                <td style={{ ...tableCell, textAlign: "right" }}>{n(agent.resolved)}</td>
                <td style={{ ...tableCell, textAlign: "right" }}>
                  {percent(agent.firstResponseCompliance, locale, "–")}
                </td>
                <td style={{ ...tableCell, textAlign: "right" }}>
                  {percent(agent.resolutionCompliance, locale, "–")}
                </td>
                <td style={{ ...tableCell, textAlign: "right" }}>
                  {duration(agent.medianFirstResponseMinutes, locale, "–")}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ActionButton href={props.reportUrl}>{t.action}</ActionButton>
    </EmailLayout>
  );
}
