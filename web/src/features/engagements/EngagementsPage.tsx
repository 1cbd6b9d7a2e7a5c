import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { ENGAGEMENT_STATUSES } from '@/shared/api';
import { pluralize } from '@/shared/format/dates';
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

/** How many engagements the list shows, in words (the API pages them and gives no total). */
function resultCount(shown: number, page: number, more: boolean, filtered: boolean): string {
  if (shown === 0) {
    if (page > 1) return 'No more engagements.';
    return filtered ? 'No engagements match these filters.' : 'No engagements yet.';
  }
  const count = pluralize(shown, 'engagement');
  if (page === 1 && !more) return `${count}.`;
  return `${count} on page ${page}, ${more ? 'more on the next page' : 'the last page'}.`;
}

export default function EngagementsPage() {
  const { data: me } = useMe();
  const { filters, update } = useListFilters();
  const pages = useCursorPages('engagements', JSON.stringify(filters));
  const templates = useTemplates();
  const list = useEngagementList(toListQuery(filters, pages.cursor, PAGE_SIZE));
  const [search, setSearch] = useState(filters.q);
  const searchField = useRef<HTMLInputElement>(null);

  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    update({ q: search.trim() || undefined });
  };
  const templateNames = new Map((templates.data ?? []).map((t) => [t.key, t.name]));
  // The order is not a filter: with none of these, an empty list means there are none at all.
  const filtered = Boolean(
    filters.q || filters.status || filters.templateKey || filters.customerId || filters.overdue,
  );
  const mayCreate = me?.role !== 'CUSTOMER';
  const clearFilters = () => {
    setSearch('');
    // Its button goes with the empty list: the focus goes where the filters start.
    searchField.current?.focus();
    update({
      q: undefined,
      status: undefined,
      templateKey: undefined,
      customerId: undefined,
      overdue: undefined,
    });
  };

  return (
    <>
      <PageHeader
        title="Engagements"
        actions={
          mayCreate && (
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
            ref={searchField}
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
      {/* Rows changing say nothing to a screen reader: the count does, once the results are in.
          Empty while they load (the previous rows stay), so the same count is said again. */}
      <p role="status" className="visually-hidden">
        {list.data && !list.isPlaceholderData
          ? resultCount(list.data.items.length, pages.page, Boolean(list.data.nextCursor), filtered)
          : ''}
      </p>
      <ErrorNotice error={list.error} title="Could not load engagements" />
      {list.isPending ? (
        <Loading />
      ) : list.data && list.data.items.length === 0 ? (
        <EmptyList filtered={filtered} mayCreate={mayCreate} onClear={clearFilters} />
      ) : (
        list.data && (
          <EngagementsTable engagements={list.data.items} templateNames={templateNames} />
        )
      )}
      <Pager label="Engagement pages" pages={pages} nextCursor={list.data?.nextCursor} />
    </>
  );
}

/**
 * Why the list is empty, and the way on: filters that match nothing can be cleared; with none set
 * there are no engagements yet, and a newcomer is told where one (and its customer) is made.
 */
function EmptyList({
  filtered,
  mayCreate,
  onClear,
}: {
  filtered: boolean;
  mayCreate: boolean;
  onClear: () => void;
}) {
  if (filtered) {
    return (
      <p className="empty">
        No engagements match these filters.{' '}
        <button type="button" className="link-button" onClick={onClear}>
          Clear the filters
        </button>
      </p>
    );
  }
  return (
    <p className="empty">
      No engagements yet.
      {mayCreate && (
        <>
          {' '}
          An engagement onboards one customer under a management model: start one with{' '}
          <Link to="/engagements/new">New engagement</Link>, where a new customer is added too.
        </>
      )}
    </p>
  );
}
