// Placeholder until the feature lands.
export function NotificationSettingsPage() {
  return <h1 className="text-xl font-semibold">NotificationSettingsPage</h1>;
}
