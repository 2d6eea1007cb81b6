// Placeholder until the feature lands.
export function ExportPage() {
  return <h1 className="text-xl font-semibold">ExportPage</h1>;
}
