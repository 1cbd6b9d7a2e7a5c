import { useState } from 'react';
import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/shared/api';
import { FilterSelect, labelledOptions } from '@/shared/ui/FilterSelect';
import type { SummaryQuery } from './overdue-api';

interface Props {
  filters: SummaryQuery;
  /** Staff's board of every customer: customer and model filters too (see useOverdueFilters). */
  portfolio: boolean;
  onChange: (name: keyof SummaryQuery, value: string) => void;
}

export function OverdueFilters({ filters, portfolio, onChange }: Props) {
  const customers = useQuery({
    queryKey: ['customers'],
    queryFn: () => unwrap(api.GET('/api/v1/customers')),
    enabled: portfolio,
  });
  const templates = useQuery({
    queryKey: ['templates'],
    queryFn: () => unwrap(api.GET('/api/v1/templates')),
    staleTime: 5 * 60_000,
  });
  const parties = [...new Set((templates.data ?? []).flatMap((t) => t.parties))];
  return (
    <form className="toolbar" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
      {portfolio && (
        <>
          <FilterSelect
            id="overdue-customer"
            label="Customer"
            anyLabel="All customers"
            value={filters.customerId}
            options={(customers.data ?? []).map((c) => ({ value: c.id, label: c.name }))}
            onChange={(value) => onChange('customerId', value)}
          />
          <FilterSelect
            id="overdue-model"
            label="Model"
            anyLabel="All models"
            value={filters.templateKey}
            options={(templates.data ?? []).map((t) => ({ value: t.key, label: t.name }))}
            onChange={(value) => onChange('templateKey', value)}
          />
        </>
      )}
      <FilterSelect
        id="overdue-party"
        label="Party"
        anyLabel="All parties"
        value={filters.party}
        options={labelledOptions(parties)}
        onChange={(value) => onChange('party', value)}
      />
      <AsOfInput value={filters.asOf ?? ''} onChange={(value) => onChange('asOf', value)} />
    </form>
  );
}

/** The dates the API takes (README: 2000-01-01 to 2099-12-31). */
const TAKEN_DATE = /^20\d\d-\d\d-\d\d$/;

/**
 * The "As of" date. Typed digit by digit, a date input is already "valid" at year 0002: only a
 * date the report can take is applied (or none, to clear it), so typing a year is not undone.
 */
function AsOfInput({ value, onChange }: { value: string; onChange: (value: string) => void }) {
  const [typed, setTyped] = useState(value);
  const [shown, setShown] = useState(value);
  // Changed from elsewhere (the address, Back): show that.
  if (value !== shown) {
    setShown(value);
    setTyped(value);
  }
  return (
    <div className="field field-inline">
      <label htmlFor="overdue-as-of">As of</label>
      <input
        id="overdue-as-of"
        type="date"
        min="2000-01-01"
        max="2099-12-31"
        value={typed}
        onChange={(e) => {
          setTyped(e.target.value);
          if (e.target.value === '' || TAKEN_DATE.test(e.target.value)) {
            setShown(e.target.value);
            onChange(e.target.value);
          }
        }}
      />
    </div>
  );
}
