// Placeholder until the feature lands.
export function SlaReportPage() {
  return <h1 className="text-xl font-semibold">SlaReportPage</h1>;
}
