// Placeholder until the feature lands.
export function TicketPage() {
  return <h1 className="text-xl font-semibold">TicketPage</h1>;
}
