import { label } from '@/shared/format/labels';

export interface FilterOption {
  value: string;
  label: string;
}

/** Options for a list of API values (statuses, roles, parties), each shown by its label. */
export function labelledOptions(values: readonly string[]): FilterOption[] {
  return values.map((value) => ({ value, label: label(value) }));
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

/**
 * A labelled select in a toolbar (filters, version choices): label beside, options below. A value
 * none of the (loaded) options has — an old or hand-made link — is shown as what it is, not as
 * the first option while it still filters.
 */
export function FilterSelect({ id, label, value, anyLabel, options, onChange }: Props) {
  const unknown = value && options.length > 0 && !options.some((o) => o.value === value);
  return (
    <div className="field field-inline">
      <label htmlFor={id}>{label}</label>
      <select id={id} value={value ?? ''} onChange={(e) => onChange(e.target.value)}>
        {anyLabel !== undefined && <option value="">{anyLabel}</option>}
        {unknown && <option value={value}>{value} (none such)</option>}
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
