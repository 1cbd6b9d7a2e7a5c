import type { CursorPages } from './useCursorPages';

interface PagerProps {
  label: string;
  pages: CursorPages;
  /** The list's `nextCursor` (null or absent on the last page, or while loading). */
  nextCursor: string | null | undefined;
}

/** Previous/next over a cursor-paged list kept by useCursorPages. */
export function Pager({ label, pages, nextCursor }: PagerProps) {
  const hasNext = Boolean(nextCursor);
  if (pages.page === 1 && !hasNext) return null;
  return (
    <nav className="pager" aria-label={label}>
      <button type="button" onClick={pages.previous} disabled={pages.page === 1}>
        Previous
      </button>
      <span>Page {pages.page}</span>
      <button type="button" onClick={() => pages.next(nextCursor)} disabled={!hasNext}>
        Next
      </button>
    </nav>
  );
}
