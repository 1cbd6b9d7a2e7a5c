export interface FilterOption {
  value: string;
  label: string;
}

interface Props {
  id: string;
  label: string;
  value: string | undefined;
  /** The choice that filters nothing (its value is ''), e.g. "All customers". */
  anyLabel?: string;
  options: readonly FilterOption[];
  onChange: (value: string) => void;
}

/** A labelled select in a toolbar (filters, version choices): label beside, options below. */
export function FilterSelect({ id, label, value, anyLabel, options, onChange }: Props) {
  return (
    <div className="field field-inline">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
