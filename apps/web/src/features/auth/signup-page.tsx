// Placeholder until the feature lands.
export function SignupPage() {
  return <h1 className="text-xl font-semibold">SignupPage</h1>;
}
