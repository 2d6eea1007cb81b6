// Placeholder until the feature lands.
export function PortalPage() {
  return <h1 className="text-xl font-semibold">PortalPage</h1>;
}
