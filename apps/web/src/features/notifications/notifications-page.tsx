// Placeholder until the feature lands.
export function NotificationsPage() {
  return <h1 className="text-xl font-semibold">NotificationsPage</h1>;
}
