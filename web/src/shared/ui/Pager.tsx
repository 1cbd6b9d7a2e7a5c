import type { CursorPages } from './useCursorPages';

interface PagerProps {
  label: string;
  pages: CursorPages;
  /** The list's `nextCursor` (null or absent on the last page, or while loading). */
  nextCursor: string | null | undefined;
  /** How many pages there are, when the caller knows. */
  pageCount?: number;
}

/** Previous/next over a cursor-paged list kept by useCursorPages. */
export function Pager({ label, pages, nextCursor, pageCount }: PagerProps) {
  const hasNext = Boolean(nextCursor);
  if (pages.page === 1 && !hasNext) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" onClick={pages.previous} disabled={pages.page === 1}>
        Previous
      </button>
      <span>
        Page {pages.page}
        {pageCount !== undefined && pageCount >= pages.page && <> of {pageCount}</>}
      </span>
      <button type="button" onClick={() => pages.next(nextCursor)} disabled={!hasNext}>
        Next
      </button>
    </nav>
  );
}
