// Placeholder until the feature lands.
export function JobsPage() {
  return <h1 className="text-xl font-semibold">JobsPage</h1>;
}
