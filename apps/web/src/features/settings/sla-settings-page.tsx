// Placeholder until the feature lands.
export function SlaSettingsPage() {
  return <h1 className="text-xl font-semibold">SlaSettingsPage</h1>;
}
