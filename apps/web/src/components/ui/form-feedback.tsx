import { ApiError } from "../../api/errors.ts";
import { ErrorMessage } from "./card.tsx";

/**
 * A failed submit's message, unless every field the API named is shown under its own input: then
 * the messages are there and a second one at the top would only repeat them.
 */
export function FormError(props: { error: unknown; fields: (field: string) => boolean }) {
  const { error } = props;
  if (!error) return null;
  const named = error instanceof ApiError ? Object.keys(error.fields) : [];
  if (named.length > 0 && named.every(props.fields)) return null;
  return <ErrorMessage error={error} />;
}

/** "Saved" after a successful submit, announced politely to screen readers. */
export function SavedStatus(props: { shown: boolean; children: string }) {
  return (
    <p role="status" className="text-sm font-medium text-green-800">
      {props.shown ? props.children : ""}
    </p>
  );
}
