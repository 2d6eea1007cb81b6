// Placeholder until the feature lands.
export function UsersSettingsPage() {
  return <h1 className="text-xl font-semibold">UsersSettingsPage</h1>;
}
