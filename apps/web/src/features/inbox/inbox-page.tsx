// Placeholder until the feature lands.
export function InboxPage() {
  return <h1 className="text-xl font-semibold">InboxPage</h1>;
}
