// Placeholder until the feature lands.
export function NotificationBell() {
  return <h1 className="text-xl font-semibold">NotificationBell</h1>;
}
