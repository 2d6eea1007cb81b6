// Placeholder until the feature lands.
export function WeeklyReportPage() {
  return <h1 className="text-xl font-semibold">WeeklyReportPage</h1>;
}
