import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '@/shared/api';
import { label } from '@/shared/format/labels';
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
      <div className="field field-inline">
        <label htmlFor="overdue-customer">Customer</label>
        <select
          id="overdue-customer"
          value={filters.customerId ?? ''}
          onChange={(e) => onChange('customerId', e.target.value)}
        >
          <option value="">All customers</option>
          {(customers.data ?? []).map((c) => (
            <option key={c.id} value={c.id}>
              {c.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-inline">
        <label htmlFor="overdue-model">Model</label>
        <select
          id="overdue-model"
          value={filters.templateKey ?? ''}
          onChange={(e) => onChange('templateKey', e.target.value)}
        >
          <option value="">All models</option>
          {(templates.data ?? []).map((t) => (
            <option key={t.key} value={t.key}>
              {t.name}
            </option>
          ))}
        </select>
      </div>
      <div className="field field-inline">
        <label htmlFor="overdue-party">Party</label>
        <select
          id="overdue-party"
          value={filters.party ?? ''}
          onChange={(e) => onChange('party', e.target.value)}
        >
          <option value="">All parties</option>
          {parties.map((p) => (
            <option key={p} value={p}>
              {label(p)}
            </option>
          ))}
        </select>
      </div>
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
