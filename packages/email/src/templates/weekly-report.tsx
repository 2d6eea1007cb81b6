import { z } from "zod";
import { absoluteUrl, count, isoDate } from "./shared/fields.ts";
import { formatDay, formatMinutes, formatNumber, oneLine } from "./shared/format.ts";
import { EmailLayout } from "./shared/layout.tsx";
import { dictionary, type Locale } from "./shared/locale.ts";
import { ActionButton, Greeting, Paragraph, Title, tableCell } from "./shared/ui.tsx";

export const schema = z.object({
  recipientName: z.string().min(1),
  organizationName: z.string().min(1),
  weekStart: isoDate,
  stats: z.object({
    created: count,
    resolved: count,
    /** Null when no ticket got a first response that week: there is no median to show. */
    medianFirstResponseMinutes: z.number().nonnegative().nullable(),
    slaBreaches: count,
  }),
  reportUrl: absoluteUrl,
  preferencesUrl: absoluteUrl,
});
type Props = z.output<typeof schema>;

const copy = dictionary({
  en: {
    subject: (organization: string, week: string) => `Weekly report for ${organization}: week of ${week}`,
    intro: (organization: string, week: string) => `Here is how ${organization} did in the week of ${week}.`,
    created: "Tickets created",
    resolved: "Tickets resolved",
    median: "Median first response time",
    noMedian: "No first response this week",
    breaches: "SLA breaches",
    action: "See the full report",
  },
  fr: {
    subject: (organization: string, week: string) =>
      `Rapport hebdomadaire pour ${organization} : semaine du ${week}`,
    intro: (organization: string, week: string) =>
      `Voici le bilan de la semaine du ${week} pour ${organization}.`,
    created: "Tickets créés",
    resolved: "Tickets résolus",
    median: "Délai médian de première réponse",
    noMedian: "Aucune première réponse cette semaine",
    breaches: "Dépassements de SLA",
    action: "Voir le rapport complet",
  },
});

export function subject(props: Props, locale: Locale): string {
  return oneLine(copy[locale].subject(props.organizationName, formatDay(props.weekStart, locale)));
}

export function Email({ locale, ...props }: Props & { locale: Locale }) {
  const t = copy[locale];
  const { stats } = props;
  const intro = t.intro(props.organizationName, formatDay(props.weekStart, locale));
  const rows: [string, string][] = [
    [t.created, formatNumber(stats.created, locale)],
    [t.resolved, formatNumber(stats.resolved, locale)],
    [
      t.median,
      stats.medianFirstResponseMinutes === null
        ? t.noMedian
        : formatMinutes(stats.medianFirstResponseMinutes, locale),
    ],
    [t.breaches, formatNumber(stats.slaBreaches, locale)],
  ];
  return (
    <EmailLayout locale={locale} preview={intro} preferencesUrl={props.preferencesUrl}>
      <Title>{props.organizationName}</Title>
      <Greeting name={props.recipientName} locale={locale} />
      <Paragraph>{intro}</Paragraph>
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
      <ActionButton href={props.reportUrl}>{t.action}</ActionButton>
    </EmailLayout>
  );
}
