import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ENGAGEMENT_STATUSES } from '@/shared/api';
import { ErrorNotice } from '@/shared/ui/ErrorNotice';
import { FilterSelect, labelledOptions } from '@/shared/ui/FilterSelect';
import { Loading } from '@/shared/ui/Loading';
import { PageHeader } from '@/shared/ui/PageHeader';
import { Pager } from '@/shared/ui/Pager';
import { useCursorPages } from '@/shared/ui/useCursorPages';
import { useMe } from '@/shared/session/session';
import { EngagementsTable } from './EngagementsTable';
import { useEngagementList, useTemplates } from './engagements-api';
import { SORTS, toListQuery, useListFilters } from './list-filters';

const PAGE_SIZE = 25;

export default function EngagementsPage() {
  const { data: me } = useMe();
  const { filters, update } = useListFilters();
  const pages = useCursorPages(JSON.stringify(filters));
  const templates = useTemplates();
  const list = useEngagementList(toListQuery(filters, pages.cursor, PAGE_SIZE));
  const [search, setSearch] = useState(filters.q);

  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    update({ q: search.trim() || undefined });
  };
  const templateNames = new Map((templates.data ?? []).map((t) => [t.key, t.name]));

  return (
    <>
      <PageHeader
        title="Engagements"
        actions={
          me?.role !== 'CUSTOMER' && (
            <Link className="button primary" to="/engagements/new">
              New engagement
            </Link>
          )
        }
      />
      <form className="toolbar" role="search" onSubmit={submitSearch}>
        <div className="field field-inline">
          <label htmlFor="engagement-search">Search</label>
          <input
            id="engagement-search"
            type="search"
            placeholder="Customer or engagement name"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
          />
          <button type="submit">Search</button>
        </div>
        <FilterSelect
          id="engagement-status"
          label="Status"
          anyLabel="Any"
          value={filters.status}
          options={labelledOptions(ENGAGEMENT_STATUSES)}
          onChange={(value) => update({ status: value })}
        />
        <FilterSelect
          id="engagement-model"
          label="Model"
          anyLabel="Any"
          value={filters.templateKey}
          options={(templates.data ?? []).map((t) => ({ value: t.key, label: t.name }))}
          onChange={(value) => update({ templateKey: value })}
        />
        <div className="field field-inline">
          <input
            id="engagement-overdue"
            type="checkbox"
            checked={filters.overdue ?? false}
            onChange={(e) => update({ overdue: e.target.checked ? 'true' : undefined })}
          />
          <label htmlFor="engagement-overdue">Only with overdue tasks</label>
        </div>
        <FilterSelect
          id="engagement-sort"
          label="Sort by"
          value={filters.sort}
          options={SORTS}
          onChange={(value) => update({ sort: value })}
        />
      </form>
      <ErrorNotice error={list.error} title="Could not load engagements" />
      {list.isPending ? (
        <Loading />
      ) : list.data && list.data.items.length === 0 ? (
        <p className="empty">No engagements match.</p>
      ) : (
        list.data && (
          <EngagementsTable engagements={list.data.items} templateNames={templateNames} />
        )
      )}
      <Pager label="Engagement pages" pages={pages} nextCursor={list.data?.nextCursor} />
    </>
  );
}
