import { useMemo } from "react";
import { SelectField } from "../../components/ui/field.tsx";

/** The browser's IANA zones; the API stores a zone under its canonical id, which is among them. */
function zoneList(current: string): string[] {
  const zones = new Set(Intl.supportedValuesOf("timeZone"));
  zones.add("UTC");
  // A zone the browser's list lacks (an older browser) must still show as chosen.
  if (current) zones.add(current);
  return [...zones].sort();
}

export function TimeZoneField(props: {
  label: string;
  hint?: string;
  name: string;
  defaultValue?: string;
  value?: string;
  onChange?: (zone: string) => void;
  error: string | undefined;
}) {
  const current = props.value ?? props.defaultValue ?? "";
  const zones = useMemo(() => zoneList(current), [current]);
  return (
    <SelectField
      label={props.label}
      name={props.name}
      required
      error={props.error}
      {...(props.hint ? { hint: props.hint } : {})}
      {...(props.value !== undefined
        ? { value: props.value, onChange: (event) => props.onChange?.(event.target.value) }
        : { defaultValue: props.defaultValue })}
    >
      {zones.map((zone) => (
        <option key={zone} value={zone}>
          {zone.replaceAll("_", " ")}
        </option>
      ))}
    </SelectField>
  );
}
