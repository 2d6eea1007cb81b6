// Placeholder until the feature lands.
export function ResetPasswordPage() {
  return <h1 className="text-xl font-semibold">ResetPasswordPage</h1>;
}
