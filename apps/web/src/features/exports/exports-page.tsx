// Placeholder until the feature lands.
export function ExportsPage() {
  return <h1 className="text-xl font-semibold">ExportsPage</h1>;
}
