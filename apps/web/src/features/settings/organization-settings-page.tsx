// Placeholder until the feature lands.
export function OrganizationSettingsPage() {
  return <h1 className="text-xl font-semibold">OrganizationSettingsPage</h1>;
}
