import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/shared/api';
import { FilterSelect, labelledOptions } from '@/shared/ui/FilterSelect';
import type { SummaryQuery } from './overdue-api';

interface Props {
  filters: SummaryQuery;
  onChange: (name: keyof SummaryQuery, value: string) => void;
}

export function OverdueFilters({ filters, onChange }: Props) {
  const customers = useQuery({
    queryKey: ['customers'],
    queryFn: () => unwrap(api.GET('/api/v1/customers')),
  });
  const templates = useQuery({
    queryKey: ['templates'],
    queryFn: () => unwrap(api.GET('/api/v1/templates')),
    staleTime: 5 * 60_000,
  });
  const parties = [...new Set((templates.data ?? []).flatMap((t) => t.parties))];
  return (
    <form className="toolbar" aria-label="Filters" onSubmit={(e) => e.preventDefault()}>
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
      <FilterSelect
        id="overdue-party"
        label="Party"
        anyLabel="All parties"
        value={filters.party}
        options={labelledOptions(parties)}
        onChange={(value) => onChange('party', value)}
      />
      <div className="field field-inline">
        <label htmlFor="overdue-as-of">As of</label>
        <input
          id="overdue-as-of"
          type="date"
          value={filters.asOf ?? ''}
          onChange={(e) => onChange('asOf', e.target.value)}
        />
      </div>
    </form>
  );
}
